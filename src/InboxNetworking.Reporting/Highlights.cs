using System.Globalization;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>The month at a glance: the few sentences a reader should act on, plain text (renderers escape).</summary>
internal static class Highlights
{
    public static IReadOnlyList<string> Of(MonthlyReport r)
    {
        var lines = new List<string>();
        if (r.NewContacts.Value is { } fresh)
        {
            var intro = r.NewContacts.Introduced > 0 ? $", {r.NewContacts.Introduced} introduced by people you know" : "";
            lines.Add($"{fresh:0} new contact{Plural(fresh)}{intro}; {r.NewContacts.Engaged} already answered both ways.");
        }
        lines.Add($"{r.Depth.Core} core and {r.Depth.Strong} strong ties; {r.Frequency.NetworkSize} people in your active network this month.");
        if (r.GoingCold.Count > 0)
            lines.Add($"Going cold: {Names(r.GoingCold.Select(g => g.Name ?? g.Address))}.");
        if (r.OwedReplies.Count > 0)
            lines.Add($"You owe {r.OwedReplies.Count} repl{(r.OwedReplies.Count == 1 ? "y" : "ies")}: {Names(r.OwedReplies.Select(o => o.Name ?? o.Address).Distinct())}.");
        if (r.Reciprocity.OwnerReplyRate is { } mine && r.Reciprocity.ContactReplyRate is { } theirs)
            lines.Add($"You answer {MetricCatalog.Percent(mine)} of direct messages within a week; people answer {MetricCatalog.Percent(theirs)} of yours.");
        if (r.Conversion.Value is > 0 and var converted)
            lines.Add($"{converted:0} contact{Plural(converted)} turned into a meeting or a collaboration.");
        return lines;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(3));
        return list.Count > 3 ? shown + string.Create(CultureInfo.InvariantCulture, $" and {list.Count - 3} more") : shown;
    }

    private static string Plural(double n) => Math.Abs(n - 1) < 1e-9 ? "" : "s";
}
