using InboxNetworking.Core.Reports;

namespace InboxNetworking.Core.Metrics;

/// <summary>Attaches to each metric of a month the headline values of the months before it.</summary>
internal static class TrendBuilder
{
    public static MonthlyReport Attach(MonthlyReport report, IReadOnlyList<MonthlyReport> all, int index, int months)
    {
        var window = all.Skip(Math.Max(0, index - months + 1)).Take(Math.Min(months, index + 1)).ToList();
        List<TrendPoint> Trend(Func<MonthlyReport, Metric> pick) => window.Select(r => new TrendPoint(r.Month, pick(r).Value)).ToList();
        return report with
        {
            NewContacts = report.NewContacts with { Trend = Trend(r => r.NewContacts) },
            Frequency = report.Frequency with { Trend = Trend(r => r.Frequency) },
            Engagement = report.Engagement with { Trend = Trend(r => r.Engagement) },
            Conversion = report.Conversion with { Trend = Trend(r => r.Conversion) },
            Depth = report.Depth with { Trend = Trend(r => r.Depth) },
            Reciprocity = report.Reciprocity with { Trend = Trend(r => r.Reciprocity) },
            Influence = report.Influence with { Trend = Trend(r => r.Influence) },
            Access = report.Access with { Trend = Trend(r => r.Access) },
        };
    }
}
