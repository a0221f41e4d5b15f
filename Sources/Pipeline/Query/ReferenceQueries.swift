/// The reference workflow's EDA and featurization queries (workflow.md §2), ready to run, with
/// its bugs fixed:
///
/// - "distinctUsers" counts distinct users (`userId`), not distinct events (`_id`);
/// - the correlation query uses the real event names (`commerce.purchases`,
///   `web.webpagedetails.pageViews`), so no feature is silently all-zero;
/// - `minutes_since_propositionDismiss` filters on `decisioning.propositionDismiss` (the
///   reference dropped the prefix, leaving the column always null), and there is no duplicate column;
/// - negatives are drawn with an order-independent seeded random, so the set is reproducible.
///
/// Every query reads a dataset with the simulator's event fields: `_id`, `userId`, `eventType`,
/// `timestamp`. `dataset` may also be a snapshot range, e.g. `events SNAPSHOT BETWEEN 1 AND 10`.
public enum ReferenceQueries {
    /// Total rows, distinct users and distinct events (the reference's "basic stats").
    public static func basicStats(_ dataset: String = "events") -> String {
        """
        SELECT COUNT(_id) AS totalRows,
               COUNT(DISTINCT userId) AS distinctUsers,
               COUNT(DISTINCT _id) AS distinctEvents
        FROM \(dataset)
        """
    }

    /// Per event type: its events and the distinct users who had it, most events first (13 rows).
    public static func eventCounts(_ dataset: String = "events") -> String {
        """
        SELECT eventType, COUNT(*) AS events, COUNT(DISTINCT userId) AS users
        FROM \(dataset)
        GROUP BY eventType
        ORDER BY events DESC, eventType
        """
    }

    /// Per event type: distinct users and events, most users first (13 rows).
    public static func funnel(_ dataset: String = "events") -> String {
        """
        SELECT eventType,
               COUNT(DISTINCT userId) AS distinctUsers,
               COUNT(_id) AS distinctEvents
        FROM \(dataset)
        GROUP BY eventType
        ORDER BY distinctUsers DESC, eventType
        """
    }

    /// The email funnel of chart 1: emailSent → emailOpened → emailClicked → formFilledOut.
    public static func emailFunnel(_ dataset: String = "events") -> String {
        """
        SELECT eventType, COUNT(DISTINCT userId) AS distinctUsers
        FROM \(dataset)
        WHERE eventType IN ('directMarketing.emailSent', 'directMarketing.emailOpened',
                            'directMarketing.emailClicked', 'web.formFilledOut')
        GROUP BY eventType
        ORDER BY CASE eventType WHEN 'directMarketing.emailSent' THEN 1 WHEN 'directMarketing.emailOpened' THEN 2
                                WHEN 'directMarketing.emailClicked' THEN 3 ELSE 4 END
        """
    }

    /// Event co-occurrence (chart 2's heatmap): for each ordered pair of event types, the users
    /// who had the first type at or before some event of the later type, and that count as a
    /// share of the users who had the first type. Same result as the reference's self-join on
    /// `a.timestamp <= b.timestamp`, computed from each user's first and last time per type so
    /// it does not build every pair of events.
    public static func cooccurrence(_ dataset: String = "events") -> String {
        """
        WITH spans AS (
            SELECT userId, eventType, MIN(timestamp) AS firstTime, MAX(timestamp) AS lastTime
            FROM \(dataset)
            GROUP BY userId, eventType
        ),
        firsts AS (SELECT eventType, COUNT(*) AS users FROM spans GROUP BY eventType)
        SELECT a.eventType AS eventType_First,
               b.eventType AS eventType_Later,
               COUNT(*) AS users,
               COUNT(*) * 1.0 / f.users AS probability
        FROM spans a
        JOIN spans b ON a.userId = b.userId AND a.firstTime <= b.lastTime
        JOIN firsts f ON f.eventType = a.eventType
        GROUP BY a.eventType, b.eventType
        ORDER BY a.eventType, b.eventType
        """
    }

    /// The per-user count features the correlation query uses, with the real event names.
    public static let correlationFeatures: [(name: String, eventType: String)] = [
        ("advertisingClicks", "advertising.clicks"),
        ("productViews", "commerce.productViews"),
        ("productPurchases", "commerce.purchases"),
        ("propositionDismisses", "decisioning.propositionDismiss"),
        ("propositionDisplays", "decisioning.propositionDisplay"),
        ("propositionInteracts", "decisioning.propositionInteract"),
        ("emailClicks", "directMarketing.emailClicked"),
        ("emailOpens", "directMarketing.emailOpened"),
        ("emailSends", "directMarketing.emailSent"),
        ("webLinkClicks", "web.webinteraction.linkClicks"),
        ("webPageViews", "web.webpagedetails.pageViews"),
    ]

    /// Pearson correlation of each per-user event count with having filled the form (chart 3),
    /// one row per feature (`feature`, `pearsonCorrelation`), strongest first.
    public static func correlation(_ dataset: String = "events") -> String {
        let counts = correlationFeatures.map { "SUM(CASE WHEN eventType = '\($0.eventType)' THEN 1 ELSE 0 END) AS \($0.name)" }
        let rows = correlationFeatures.map { "SELECT '\($0.name)' AS feature, corr(webFormsFilled, \($0.name)) AS pearsonCorrelation FROM perUser" }
        return """
        WITH perUser AS (
            SELECT userId,
                   SUM(CASE WHEN eventType = 'web.formFilledOut' THEN 1 ELSE 0 END) AS webFormsFilled,
                   \(counts.joined(separator: ",\n               "))
            FROM \(dataset)
            GROUP BY userId
        )
        SELECT * FROM (
        \(rows.joined(separator: "\nUNION ALL\n"))
        ) ORDER BY pearsonCorrelation DESC
        """
    }

    /// The cumulative count features of the training set: (column, event type).
    public static let countFeatures: [(name: String, eventType: String)] = [
        ("emailsReceived", "directMarketing.emailSent"),
        ("emailsOpened", "directMarketing.emailOpened"),
        ("emailsClicked", "directMarketing.emailClicked"),
        ("productsViewed", "commerce.productViews"),
        ("propositionInteracts", "decisioning.propositionInteract"),
        ("propositionDismissed", "decisioning.propositionDismiss"),
        ("webLinkClicks", "web.webinteraction.linkClicks"),
    ]

    /// The recency features: minutes since the last event of the type, up to the current row.
    public static let recencyFeatures: [(name: String, eventType: String)] = [
        ("minutes_since_emailSent", "directMarketing.emailSent"),
        ("minutes_since_emailOpened", "directMarketing.emailOpened"),
        ("minutes_since_emailClick", "directMarketing.emailClicked"),
        ("minutes_since_productView", "commerce.productViews"),
        ("minutes_since_propositionInteract", "decisioning.propositionInteract"),
        ("minutes_since_propositionDismiss", "decisioning.propositionDismiss"),
        ("minutes_since_linkClick", "web.webinteraction.linkClicks"),
    ]

    /// The 14 model features, in the training set's column order.
    public static var featureColumns: [String] { countFeatures.map(\.name) + recencyFeatures.map(\.name) }

    /// The training set: one row per user with events, 19 columns — userId, eventType,
    /// timestamp, subscriptionOccurred (the label), the 7 running counts, the 7 recency
    /// features, random_row_number_for_user. Positives are taken at the `web.formFilledOut` row
    /// (features as of the subscription), negatives at one random row per user.
    ///
    /// Same rows as the reference's query, computed in one window pass: the label and the
    /// random row come from a per-user aggregate instead of two more windows. The random row is
    /// drawn with `seeded_random(seed, userId)`, so the set is reproducible;
    /// `random_row_number_for_user` is the row's place in a random rotation of the user's
    /// timeline (1 for the drawn row). Ties in time are ordered by `_id`.
    ///
    /// This text is the definition; `QueryService.trainingSet` computes the same rows without
    /// the window functions, which SQLite evaluates slowly over every event.
    public static func trainingSet(_ dataset: String = "events", seed: Int = 42) -> String {
        let counts = countFeatures.map { "SUM(CASE WHEN eventType = '\($0.eventType)' THEN 1 ELSE 0 END) OVER w AS \($0.name)" }
        let recency = recencyFeatures.map { "time_between_previous_match(timestamp, eventType = '\($0.eventType)', 'minutes') OVER w AS \($0.name)" }
        let features = featureColumns.map { "f.\($0)" }.joined(separator: ", ")
        return """
        WITH users AS (
            SELECT userId,
                   SUM(CASE WHEN eventType = 'web.formFilledOut' THEN 1 ELSE 0 END) AS subscriptionOccurred,
                   COUNT(*) AS events,
                   1 + CAST(seeded_random(\(seed), userId) * COUNT(*) AS INTEGER) AS drawnRow
            FROM \(dataset)
            GROUP BY userId
        ),
        features AS (
            SELECT userId, eventType, timestamp,
                   \((counts + recency).joined(separator: ",\n               ")),
                   row_number() OVER w AS rowNumber
            FROM \(dataset)
            WINDOW w AS (PARTITION BY userId ORDER BY timestamp, _id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT f.userId, f.eventType, f.timestamp, u.subscriptionOccurred, \(features),
               (f.rowNumber - u.drawnRow + u.events) % u.events + 1 AS random_row_number_for_user
        FROM features f JOIN users u ON u.userId = f.userId
        WHERE (u.subscriptionOccurred = 1 AND f.eventType = 'web.formFilledOut')
           OR (u.subscriptionOccurred = 0 AND f.rowNumber = u.drawnRow)
        ORDER BY f.timestamp, f.userId
        """
    }

    /// The incremental form: the training rows of the users whose events were written by
    /// snapshot generations `$from_snapshot`…`$to_snapshot` (inclusive). Run it with
    /// `QueryService.createOrAppend(_:into:parameters:)`, which creates the target dataset on
    /// the first run and appends on later ones.
    public static func incrementalTrainingSet(_ dataset: String = "events", seed: Int = 42) -> String {
        trainingSet("\(dataset) SNAPSHOT BETWEEN $from_snapshot AND $to_snapshot", seed: seed)
    }
}
