using InboxNetworking.Core.Reports;

namespace InboxNetworking.Tests.TestData;

/// <summary>A report built by hand, with hostile names in it, for the renderers.</summary>
internal static class Reports
{
    public const string HostileName = "<script>alert('x')</script> & \"Bobby\" <img src=x onerror=1>";

    public static MonthlyReport Sample()
    {
        var trend = Enumerable.Range(1, 12).Select(m => new TrendPoint($"2025-{m:D2}", m == 1 ? null : m)).ToList();
        return new MonthlyReport
        {
            Account = "acct <b>",
            Month = "2025-12",
            TimeZone = "Europe/Berlin",
            Totals = new Totals(10, 4, 6, 2, 3),
            NewContacts = new NewContactsMetric { Value = 2, Previous = 0, Usual = 1.5, Trend = trend, Introductions = [new Introduction("new@x.example", HostileName)] },
            Frequency = new FrequencyMetric { Value = 5, Previous = 6, Trend = trend },
            Engagement = new EngagementMetric { Value = 1, Trend = trend },
            Conversion = new ConversionMetric
            {
                Value = 0, Trend = trend, Funnel = new Funnel(1, 2, 3, 4, 5),
                Cohorts = [new Cohort("2025-06", 4, 1, 2, 2, 3), new Cohort("2025-11", 2, 0, null, null, null)],
            },
            Depth = new DepthMetric { Value = 3, Trend = trend, Core = 1, Strong = 2 },
            Reciprocity = new ReciprocityMetric { Value = 0.5, Trend = trend },
            Influence = new InfluenceMetric { Value = 4, Trend = trend },
            Access = new AccessMetric { Value = 2.5, Trend = trend },
            Contacts =
            [
                new ContactRow
                {
                    Address = "evil@x.example", Name = HostileName, Tier = "core", Depth = 0.9, Reciprocity = 0.7, Interactions = 4,
                    MessagesOut28 = 3, MessagesIn28 = 1, MessagesOut90 = 10, MessagesIn90 = 8, Meetings90 = 2, PreviousDepth = 0.6,
                    OwnerMedianReplyHours = 3, ContactMedianReplyHours = 30,
                    FirstSeen = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), LastSeen = new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero),
                },
                new ContactRow
                {
                    Address = "formula@x.example", Name = "=HYPERLINK(\"http://evil\")", Tier = "weak", Depth = 0.1, Interactions = 1,
                    ReciprocityParts = new ReciprocityParts(null, null, null, null, null, null, InitiationBalance: -0.75, InitiatedByOwner: 1, InitiatedByContact: 7),
                    InteractionRank = 12.5, OwnerReplyRate = 0.5, ContactReplyRate = 1, OwnerMedianReplyHours = 30, ContactMedianReplyHours = 2,
                    FirstSeen = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), LastSeen = new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero),
                },
            ],
            GoingCold = [new GoingColdRow("evil@x.example", HostileName, "core", 30, 5, 6, "going cold")],
            OwedReplies = [new OwedReply("evil@x.example", HostileName, new DateTimeOffset(2025, 12, 28, 0, 0, 0, TimeSpan.Zero), 3)],
            Actions =
            [
                new ActionItem("reply", "evil@x.example", HostileName, Days: 3.4),
                new ActionItem("replies", Count: 4),
                new ActionItem("reconnect", "evil@x.example", HostileName, Days: 30),
                new ActionItem("follow-up", "new@x.example", "Nia", Days: 25.6),
                new ActionItem("let-them-lead", "formula@x.example", null, Started: 7, Conversations: 8),
            ],
            Scoring = new ScoringNote("S0 percentile", "test"),
        };
    }
}
