INSERT INTO decisions (id, court_kind, court_city, court_code, court_name, decision_date,
                       decision_type, formation, procedure, outcomes, topics, warnings, text,
                       text_sha256, extractor_version, loaded_at)
VALUES ($id, $court_kind, $court_city, $court_code, $court_name, CAST($decision_date AS DATE),
        $decision_type, $formation, $procedure, CAST($outcomes AS VARCHAR[]),
        CAST($topics AS VARCHAR[]), CAST($warnings AS VARCHAR[]), $text,
        $text_sha256, $extractor_version, $now);
