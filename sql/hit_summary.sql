-- What a search hit shows in one line, for each decision of $ids (greffe_hit_summary in
-- sql/search_macros.sql): (id, injunction, deadline, astreinte).
SELECT * FROM greffe_hit_summary($ids);
