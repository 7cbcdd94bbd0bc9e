-- The search term of each word ('' for a function word), to mark the words of a snippet.
-- $words is the words joined by spaces (binding one string is much faster than a list).
SELECT w, greffe_term(lower(w)) AS term FROM unnest(string_split($words, ' ')) AS t(w) WHERE w <> '';
