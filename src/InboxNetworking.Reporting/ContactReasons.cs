using System.Globalization;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>Why a contact is in the report, in one to three plain sentences from that contact's own facts:
/// no raw scores (those stay in JSON and CSV).</summary>
internal static class ContactReasons
{
    public static IReadOnlyList<string> Of(ContactRow c, string month)
    {
        var reasons = new List<string>();
        if (c.MessagesOut90 + c.MessagesIn90 > 0)
        {
            reasons.Add(c.MessagesOut28 + c.MessagesIn28 > 0
                ? $"{Messages(c.MessagesOut28)} from you and {Messages(c.MessagesIn28)} from them in the last 4 weeks ({c.MessagesOut90} and {c.MessagesIn90} in 90 days)"
                : $"{Messages(c.MessagesOut90)} from you and {Messages(c.MessagesIn90)} from them in the last 90 days, none in the last 4 weeks");
        }
        else
        {
            reasons.Add($"no message either way in the last 90 days; the last was on {c.LastSeen.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        }
        if (c.Meetings90 > 0)
            reasons.Add(c.Meetings90 == 1 ? "one meeting together in the last 90 days" : $"{c.Meetings90} meetings together in the last 90 days");
        if (c.ReciprocityParts is { InitiatedByOwner: var mine, InitiatedByContact: var theirs } && mine + theirs >= 3)
            reasons.Add(MetricCatalog.WhoStarts(c.ReciprocityParts));
        else if (c.OwnerMedianReplyHours is { } you && c.ContactMedianReplyHours is { } they)
            reasons.Add($"you usually answer within {Hours(you)}, they within {Hours(they)}");
        if (reasons.Count < 3 && c.PreviousDepth is { } before && Math.Abs(c.Depth - before) >= 0.1)
            reasons.Add(c.Depth > before ? "the tie grew stronger since last month" : "the tie weakened since last month");
        if (reasons.Count < 3 && DateTime.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && c.FirstSeen < start.AddMonths(-11))
            reasons.Add($"you have known them since {c.FirstSeen.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}");
        return reasons.Take(3).ToList();
    }

    /// <summary>The reasons in one line, and where the depth model scored the contact, what moved its score.</summary>
    public static string Line(ContactRow c, string month) =>
        string.Join("; ", Of(c, month)) + (c.ScoreReasons is { Count: > 0 } score ? "; score " + string.Join(", ", score) : "");

    private static string Messages(int n) => n == 1 ? "1 message" : $"{n} messages";

    private static string Hours(double hours) => hours switch
    {
        < 1 => "the hour",
        < 24 => $"{Math.Round(hours):0} hours".Replace("1 hours", "1 hour", StringComparison.Ordinal),
        < 48 => "a day",
        _ => $"{Math.Round(hours / 24):0} days",
    };
}
