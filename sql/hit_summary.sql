-- What a search hit shows in one line: the first injunction the court pronounced, the time limit
-- and the astreinte it pronounced (those of the injunction first).
SELECT
    (SELECT struct_pack(addressee := i.addressee, measure := i.measure,
                        days := i.deadline_days, months := i.deadline_months,
                        amount_eur := i.astreinte_amount_eur, period := i.astreinte_period,
                        status := i.astreinte_status)
     FROM injunctions i WHERE i.decision_id = $id ORDER BY i.ordinal LIMIT 1) AS injunction,
    (SELECT struct_pack(days := l.days, months := l.months, text := l.text)
     FROM deadlines l WHERE l.decision_id = $id AND l.status = 'prononce'
     ORDER BY l.ordinal LIMIT 1) AS deadline,
    (SELECT struct_pack(amount_eur := a.amount_eur, period := a.period, status := a.status)
     FROM astreintes a WHERE a.decision_id = $id AND a.status IN ('prononcee', 'liquidee')
     ORDER BY a.status = 'liquidee', a.ordinal LIMIT 1) AS astreinte;
