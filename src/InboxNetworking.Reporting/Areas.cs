using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>Areas to improve and strengths: a metric in the lowest (highest) quarter of the person's own last
/// 12 months, or one that fell (rose) three months running. Never invented: a metric with fewer than 6 months
/// of history is too early to judge.</summary>
internal static class Areas
{
    public const string Title = "Areas to improve, and strengths";

    public const string TooEarly = "Too early to tell areas to improve: fewer than 6 months of history.";

    private const int MinHistory = 6;

    /// <summary>What to try, per metric, when it is low.</summary>
    private static readonly Dictionary<string, string> Suggestions = new(StringComparer.Ordinal)
    {
        ["newContacts"] = "ask someone you trust for one introduction this month",
        ["frequency"] = "book two short calls with people you have not spoken to in a month",
        ["engagement"] = "post once in a community you follow, or join its next meeting",
        ["conversion"] = "suggest a call to one new contact who answered you",
        ["depth"] = "pick two close ties and have a real conversation with each",
        ["reciprocity"] = "answer the messages waiting for you before starting new threads",
        ["influence"] = "share something useful with your network so that people come to you",
        ["access"] = "reach out to someone outside your usual circle",
    };

    public sealed record Area(string Metric, string Direction, string Text);

    public static IReadOnlyList<Area> Of(MonthlyReport r)
    {
        var areas = new List<Area>();
        foreach (var m in MetricCatalog.All)
        {
            var metric = m.Pick(r);
            var values = metric.Trend.Select(t => t.Value).OfType<double>().ToList();
            if (metric.Value is not { } now || values.Count < MinHistory + 1)
                continue;
            var sorted = values.Order().ToList();
            var low = sorted[(int)Math.Floor(0.25 * (sorted.Count - 1))];
            var high = sorted[(int)Math.Ceiling(0.75 * (sorted.Count - 1))];
            var last4 = values.TakeLast(4).ToList();
            var fell = last4.Count == 4 && last4[0] > last4[1] && last4[1] > last4[2] && last4[2] > last4[3];
            var rose = last4.Count == 4 && last4[0] < last4[1] && last4[1] < last4[2] && last4[2] < last4[3];
            var value = MetricCatalog.Format(now, m.IsRatio);
            if (low < high && now <= low || fell)
            {
                var why = fell ? "fell three months running" : $"is in the lowest quarter of your last {values.Count} months";
                areas.Add(new Area(m.Key, "improve", $"{m.Title} {why} ({value}: {m.ValueLabel}). Try: {Suggestions[m.Key]}."));
            }
            else if (low < high && now >= high || rose)
            {
                var why = rose ? "rose three months running" : $"is in the highest quarter of your last {values.Count} months";
                areas.Add(new Area(m.Key, "strength", $"{m.Title} {why} ({value}: {m.ValueLabel}). Keep it up."));
            }
        }
        return areas;
    }

    /// <summary>True when no metric has the history needed to judge it.</summary>
    public static bool IsTooEarly(MonthlyReport r) =>
        MetricCatalog.All.All(m => m.Pick(r).Trend.Count(t => t.Value is not null) < MinHistory + 1);
}
