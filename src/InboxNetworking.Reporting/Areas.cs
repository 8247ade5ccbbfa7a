using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>Areas to improve and strengths: a metric in the lowest (highest) quarter of the person's own last
/// 12 months, or one that fell (rose) three months running. Never invented: a metric with fewer than 6 months
/// of history is too early to judge.</summary>
internal static class Areas
{
    private const int MinHistory = 6;

    public sealed record Area(string Metric, string Direction, string Text);

    public static IReadOnlyList<Area> Of(ReportText t, MonthlyReport r)
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
            var value = MetricCatalog.Format(t, now, m.IsRatio);
            if (low < high && now <= low || fell)
            {
                var why = fell ? t["area.fell"] : t.Format("area.lowest", values.Count);
                areas.Add(new Area(m.Key, "improve", t.Format("area.improve", m.Title(t), why, value, m.ValueLabel(t), t[$"suggest.{m.Key}"])));
            }
            else if (low < high && now >= high || rose)
            {
                var why = rose ? t["area.rose"] : t.Format("area.highest", values.Count);
                areas.Add(new Area(m.Key, "strength", t.Format("area.strength", m.Title(t), why, value, m.ValueLabel(t))));
            }
        }
        return areas;
    }

    /// <summary>True when no metric has the history needed to judge it.</summary>
    public static bool IsTooEarly(MonthlyReport r) =>
        MetricCatalog.All.All(m => m.Pick(r).Trend.Count(t => t.Value is not null) < MinHistory + 1);
}
