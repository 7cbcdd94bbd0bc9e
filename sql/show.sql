-- One decision, whole, rebuilt from the tables: the record of the contract, plus its sources and
-- the box of every value on its page. Lists keep their order (ordinal).
SELECT
    d.id, d.court_kind, d.court_city, d.court_code, d.court_name, d.decision_date,
    d.decision_type, d.formation, d.procedure, d.outcomes, d.topics, d.warnings, d.text,
    d.text_sha256, d.extractor_version, d.loaded_at,
    (SELECT list(struct_pack(path := s.path, sha256 := s.sha256, format := s.format,
                             pages := s.pages, ocr := s.ocr, extractor_version := s.extractor_version,
                             loaded_at := s.loaded_at)
                 ORDER BY s.sha256 <> d.text_sha256, s.loaded_at, s.sha256)
     FROM sources s WHERE s.decision_id = d.id) AS sources,
    (SELECT list(c.number ORDER BY c.ordinal)
     FROM case_numbers c WHERE c.decision_id = d.id) AS case_numbers,
    (SELECT list(j.name ORDER BY j.ordinal)
     FROM judges j WHERE j.decision_id = d.id) AS judges,
    (SELECT list(struct_pack(name := p.name, role := p.role, kind := p.kind, authority := p.authority,
                             span_start := p.span_start, span_end := p.span_end, page := p.page,
                             box := [p.box_x0, p.box_top, p.box_x1, p.box_bottom])
                 ORDER BY p.ordinal)
     FROM parties p WHERE p.decision_id = d.id) AS parties,
    (SELECT list(struct_pack(addressee := i.addressee, authority := i.authority, measure := i.measure,
                             span_start := i.span_start, span_end := i.span_end, page := i.page,
                             box := [i.box_x0, i.box_top, i.box_x1, i.box_bottom],
                             deadline_text := i.deadline_text, deadline_days := i.deadline_days,
                             deadline_months := i.deadline_months, deadline_anchor := i.deadline_anchor,
                             deadline_status := i.deadline_status, deadline_start := i.deadline_start,
                             deadline_end := i.deadline_end, deadline_page := i.deadline_page,
                             astreinte_amount_eur := i.astreinte_amount_eur,
                             astreinte_period := i.astreinte_period,
                             astreinte_status := i.astreinte_status, astreinte_text := i.astreinte_text,
                             astreinte_start := i.astreinte_start, astreinte_end := i.astreinte_end,
                             astreinte_page := i.astreinte_page)
                 ORDER BY i.ordinal)
     FROM injunctions i WHERE i.decision_id = d.id) AS injunctions,
    (SELECT list(struct_pack(amount_eur := a.amount_eur, period := a.period, status := a.status,
                             text := a.text, span_start := a.span_start, span_end := a.span_end,
                             page := a.page, box := [a.box_x0, a.box_top, a.box_x1, a.box_bottom])
                 ORDER BY a.ordinal)
     FROM astreintes a WHERE a.decision_id = d.id) AS astreintes,
    (SELECT list(struct_pack(text := l.text, days := l.days, months := l.months, anchor := l.anchor,
                             status := l.status, span_start := l.span_start, span_end := l.span_end,
                             page := l.page, box := [l.box_x0, l.box_top, l.box_x1, l.box_bottom])
                 ORDER BY l.ordinal)
     FROM deadlines l WHERE l.decision_id = d.id) AS deadlines,
    (SELECT list(struct_pack(article := r.article, code := r.code,
                             span_start := r.span_start, span_end := r.span_end, page := r.page,
                             box := [r.box_x0, r.box_top, r.box_x1, r.box_bottom])
                 ORDER BY r.ordinal)
     FROM legal_refs r WHERE r.decision_id = d.id) AS legal_refs,
    (SELECT list(struct_pack(court := c.court, date := c.date, number := c.number,
                             span_start := c.span_start, span_end := c.span_end, page := c.page,
                             box := [c.box_x0, c.box_top, c.box_x1, c.box_bottom])
                 ORDER BY c.ordinal)
     FROM cited_decisions c WHERE c.decision_id = d.id) AS cited_decisions,
    (SELECT list(struct_pack(name := z.name, start := z.start_offset, "end" := z.end_offset)
                 ORDER BY z.ordinal)
     FROM zones z WHERE z.decision_id = d.id) AS zones,
    (SELECT list(struct_pack(page := g.page, start := g.start_offset, "end" := g.end_offset)
                 ORDER BY g.page)
     FROM pages g WHERE g.decision_id = d.id) AS pages
FROM decisions d
WHERE d.id = $id;
