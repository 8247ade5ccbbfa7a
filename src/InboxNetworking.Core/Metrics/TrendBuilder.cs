using InboxNetworking.Core.Reports;

namespace InboxNetworking.Core.Metrics;

/// <summary>Attaches to each metric of a month the headline values of the months before it: the trend, the
/// previous month's value and the usual level (the median of the 12 months before).</summary>
internal static class TrendBuilder
{
    public static MonthlyReport Attach(MonthlyReport report, IReadOnlyList<MonthlyReport> all, int index, int months)
    {
        var window = all.Skip(Math.Max(0, index - months + 1)).Take(Math.Min(months, index + 1)).ToList();
        var before = all.Skip(Math.Max(0, index - months)).Take(Math.Min(months, index)).ToList();
        T With<T>(T metric, Func<MonthlyReport, Metric> pick)
            where T : Metric => metric with
        {
            Trend = window.Select(r => new TrendPoint(r.Month, pick(r).Value)).ToList(),
            Previous = index > 0 ? pick(all[index - 1]).Value : null,
            Usual = TieMath.Median(before.Select(r => pick(r).Value).OfType<double>().ToList()),
        };
        return report with
        {
            NewContacts = With(report.NewContacts, r => r.NewContacts),
            Frequency = With(report.Frequency, r => r.Frequency),
            Engagement = With(report.Engagement, r => r.Engagement),
            Conversion = With(report.Conversion, r => r.Conversion),
            Depth = With(report.Depth, r => r.Depth),
            Reciprocity = With(report.Reciprocity, r => r.Reciprocity),
            Influence = With(report.Influence, r => r.Influence),
            Access = With(report.Access, r => r.Access),
        };
    }
}
