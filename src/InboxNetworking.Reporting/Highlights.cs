using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>The month at a glance: the few sentences a reader should act on, plain text (renderers escape).</summary>
internal static class Highlights
{
    public static IReadOnlyList<string> Of(ReportText t, MonthlyReport r)
    {
        var lines = new List<string>();
        if (r.NewContacts.Value is { } fresh)
        {
            var intro = r.NewContacts.Introduced > 0 ? t.Format("hl.new.intro", r.NewContacts.Introduced) : "";
            lines.Add(t.Count("hl.new", fresh, intro, r.NewContacts.Engaged));
        }
        lines.Add(t.Format("hl.ties", r.Depth.Core, r.Depth.Strong, r.Frequency.NetworkSize));
        if (r.GoingCold.Count > 0)
            lines.Add(t.Format("hl.goingCold", Names(t, r.GoingCold.Select(g => g.Name ?? g.Address))));
        if (r.OwedReplies.Count > 0)
            lines.Add(t.Count("hl.owe", r.OwedReplies.Count, Names(t, r.OwedReplies.Select(o => o.Name ?? o.Address).Distinct())));
        if (r.Reciprocity.OwnerReplyRate is { } mine && r.Reciprocity.ContactReplyRate is { } theirs)
            lines.Add(t.Format("hl.answerRates", MetricCatalog.Percent(t, mine), MetricCatalog.Percent(t, theirs)));
        if (r.Conversion.Value is > 0 and var converted)
            lines.Add(t.Count("hl.converted", converted));
        return lines;
    }

    private static string Names(ReportText t, IEnumerable<string> names)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(3));
        return list.Count > 3 ? shown + t.Format("names.more", list.Count - 3) : shown;
    }
}
