using System.Globalization;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>Why a contact is in the report, in one to three plain sentences from that contact's own facts:
/// no raw scores (those stay in JSON and CSV).</summary>
internal static class ContactReasons
{
    public static IReadOnlyList<string> Of(ReportText t, ContactRow c, string month)
    {
        var reasons = new List<string>();
        if (c.MessagesOut90 + c.MessagesIn90 > 0)
        {
            reasons.Add(c.MessagesOut28 + c.MessagesIn28 > 0
                ? t.Format("reason.recent", t.Count("messages", c.MessagesOut28), t.Count("messages", c.MessagesIn28), c.MessagesOut90, c.MessagesIn90)
                : t.Format("reason.older", t.Count("messages", c.MessagesOut90), t.Count("messages", c.MessagesIn90)));
        }
        else
        {
            reasons.Add(t.Format("reason.silent", t.Date(c.LastSeen)));
        }
        if (c.Meetings90 > 0)
            reasons.Add(t.Count("reason.meetings", c.Meetings90));
        if (c.ReciprocityParts is { InitiatedByOwner: var mine, InitiatedByContact: var theirs } && mine + theirs >= 3)
            reasons.Add(MetricCatalog.WhoStarts(t, c.ReciprocityParts));
        else if (c.OwnerMedianReplyHours is { } you && c.ContactMedianReplyHours is { } they)
            reasons.Add(t.Format("reason.replyTimes", Within(t, you), Within(t, they)));
        if (reasons.Count < 3 && c.PreviousDepth is { } before && Math.Abs(c.Depth - before) >= 0.1)
            reasons.Add(t[c.Depth > before ? "reason.grew" : "reason.weakened"]);
        if (reasons.Count < 3 && DateTime.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && c.FirstSeen < start.AddMonths(-11))
            reasons.Add(t.Format("reason.knownSince", t.Month(c.FirstSeen.DateTime, withYear: true, form: "of")));
        return reasons.Take(3).ToList();
    }

    /// <summary>The reasons in one line, and where the depth model scored the contact, what moved its score.</summary>
    public static string Line(ReportText t, ContactRow c, string month) =>
        string.Join("; ", Of(t, c, month)) + (ScoringAppendix.ScoreReasons(t, c) is { Count: > 0 } score ? t.Format("reason.score", string.Join(", ", score)) : "");

    private static string Within(ReportText t, double hours) => hours switch
    {
        < 1 => t["within.hour"],
        < 24 => t.Count("within.hours", Math.Round(hours)),
        < 48 => t["within.day"],
        _ => t.Count("within.days", Math.Round(hours / 24)),
    };
}
