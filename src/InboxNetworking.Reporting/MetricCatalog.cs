using InboxNetworking.Core.Reports;

namespace InboxNetworking.Reporting;

/// <summary>How each of the eight metrics is named and explained to a reader, in one place for every format.</summary>
internal static class MetricCatalog
{
    public sealed record Entry(string Key, string Title, string ValueLabel, bool IsRatio, Func<MonthlyReport, Metric> Pick);

    public static readonly IReadOnlyList<Entry> All =
    [
        new("newContacts", "New contacts", "people you interacted with meaningfully for the first time", false, r => r.NewContacts),
        new("frequency", "Interaction frequency", "people with 2+ meaningful interactions in the last 28 days", false, r => r.Frequency),
        new("engagement", "Communities and events", "active communities (mailing lists, recurring group meetings, recurring groups)", false, r => r.Engagement),
        new("conversion", "Conversion", "contacts who became a meeting or a collaboration this month", false, r => r.Conversion),
        new("depth", "Depth", "core and strong ties (interaction-based relationship strength)", false, r => r.Depth),
        new("reciprocity", "Reciprocity", "mean balance with this month's contacts (1 = fully mutual)", true, r => r.Reciprocity),
        new("influence", "Reputation and influence", "people who started a conversation or meeting with you", false, r => r.Influence),
        new("access", "Access to information", "effective size: non-redundant contacts in your network", false, r => r.Access),
    ];

    /// <summary>Who starts the conversations with a contact, in words (from the signed initiation balance).</summary>
    public static string WhoStarts(ReciprocityParts? parts) => parts?.InitiationBalance switch
    {
        null => "no conversation started yet",
        <= -1 => "they start every conversation",
        <= -1.0 / 3 => "they start most conversations",
        >= 1 => "you start every conversation",
        >= 1.0 / 3 => "you start most conversations",
        _ => "you both start conversations",
    };

    /// <summary>"November 2025" for "2025-11" (or "November" without the year).</summary>
    public static string MonthName(string key, bool withYear = true) =>
        DateTime.TryParseExact(key + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString(withYear ? "MMMM yyyy" : "MMMM", System.Globalization.CultureInfo.InvariantCulture)
            : key;

    /// <summary>What changed, in words: "3, 2 more than in October; your usual is 2". Null when the month has no value.</summary>
    public static string? Change(MonthlyReport r, Entry m)
    {
        var metric = m.Pick(r);
        if (metric.Value is not { } value)
            return null;
        var previousMonth = DateTime.TryParseExact(r.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? MonthName(d.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), withYear: false)
            : "the month before";
        var text = new System.Text.StringBuilder(Format(value, m.IsRatio));
        if (metric.Previous is not { } previous)
            text.Append(", nothing to compare with from ").Append(previousMonth);
        else if (Math.Abs(value - previous) < (m.IsRatio ? 0.005 : 1e-9))
            text.Append(", the same as in ").Append(previousMonth);
        else
        {
            var (up, down) = m.IsRatio ? ("higher", "lower") : ("more", "fewer");
            text.Append(", ").Append(Format(Math.Abs(value - previous), m.IsRatio)).Append(' ').Append(value > previous ? up : down).Append(" than in ").Append(previousMonth);
        }
        text.Append(metric.Usual is { } usual ? "; your usual is " + Format(usual, m.IsRatio) : "; too early to know your usual level");
        return text.ToString();
    }

    public static string Format(double? value, bool isRatio) => value switch
    {
        null => "n/a",
        { } v when isRatio => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        { } v when Math.Abs(v - Math.Round(v)) < 1e-9 => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        { } v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>The details that matter beyond the headline, as label/value pairs.</summary>
    public static IReadOnlyList<(string Label, string Value)> Details(MonthlyReport r, string key) => key switch
    {
        "newContacts" => r.NewContacts.BurnIn
            ? [("Burn-in", "the first months of data: everyone would look new, so none are counted")]
            : [("You reached out first", N(r.NewContacts.OwnerInitiated)), ("They reached out first", N(r.NewContacts.ContactInitiated)),
               ("Introduced by someone you know", N(r.NewContacts.Introduced)), ("Met at a meeting", N(r.NewContacts.MetAtMeeting)),
               ("Internal / external", $"{r.NewContacts.Internal} / {r.NewContacts.External}"), ("New organisations", N(r.NewContacts.NewOrganizations)),
               ("Engaged (one exchange each way within 30 days)", N(r.NewContacts.Engaged))],
        "frequency" =>
            [("Reciprocal network (both ways, 28 days)", N(r.Frequency.ReciprocalNetworkSize)), ("Meaningful interactions", N(r.Frequency.MeaningfulInteractions)),
             ("Attention to your top 5 / top 15", $"{Percent(r.Frequency.Top5Share)} / {Percent(r.Frequency.Top15Share)}"),
             ("Meeting hours", Format(r.Frequency.MeetingHours, false))],
        "engagement" =>
            [("List posts / list messages received", $"{r.Engagement.ListPosts} / {r.Engagement.ListReceived}"),
             ("Recurring groups (same people 3+ times in 90 days)", N(r.Engagement.RecurringGroups)), ("RSVP acceptance", Percent(r.Engagement.RsvpAcceptanceRate)),
             ("Events attended (9+ people or external organiser)", N(r.Engagement.EventsAttended)), ("Meetings you organised", Percent(r.Engagement.OrganizerShare)),
             ("Event co-attendees you then wrote to", Percent(r.Engagement.EventContactConversion))],
        "conversion" =>
            [("Funnel: seen / engaged / recurring / met / collaboration",
              $"{r.Conversion.Funnel.Seen} / {r.Conversion.Funnel.Engaged} / {r.Conversion.Funnel.Recurring} / {r.Conversion.Funnel.Met} / {r.Conversion.Funnel.Collaboration}"),
             .. r.Conversion.Outcomes.Select(o => ($"Tagged \"{o.Tag}\": met or collaborated", $"{o.Converted} of {o.Contacts}"))],
        "depth" =>
            [("Core / strong / active / weak", $"{r.Depth.Core} / {r.Depth.Strong} / {r.Depth.Active} / {r.Depth.Weak}"), ("Dormant", N(r.Depth.Dormant))],
        "reciprocity" =>
            [("Who starts threads (+1 always you, -1 always them)", Format(r.Reciprocity.InitiationBalance, true)),
             ("You reply within a week", Percent(r.Reciprocity.OwnerReplyRate)), ("They reply within a week", Percent(r.Reciprocity.ContactReplyRate)),
             ("Lopsided ties (balance under 0.3)", N(r.Reciprocity.LopsidedContacts))],
        "influence" =>
            [("Organisers inviting you", N(r.Influence.OrganizersInviting)), ("Invitations as required attendee", Percent(r.Influence.RequiredShare)),
             ("People reply to you within a week", Percent(r.Influence.ContactReplyRate)),
             ("Their median reply time", r.Influence.ContactMedianReplyHours is { } h ? Format(h, false) + " h" : "n/a"),
             ("Acceptance of meetings you organise", Percent(r.Influence.OwnerMeetingAcceptance))],
        "access" =>
            [("Alters (active ties and above) / clusters among them", $"{r.Access.Alters} / {r.Access.Clusters}"), ("Constraint (lower = more brokerage)", Format(r.Access.Constraint, true)),
             ("Efficiency", Format(r.Access.Efficiency, true)), ("Spread of attention over people / organisations",
              $"{Format(r.Access.ContactEntropy, true)} / {Format(r.Access.OrganizationEntropy, true)}"),
             ("External organisations with two-way traffic", N(r.Access.ExternalOrganizationsTwoWay)), ("Bridging ties", N(r.Access.BridgingTies))],
        _ => [],
    };

    /// <summary>The conversion cohorts as a table every format lays out its own way.</summary>
    public static (string[] Header, List<string[]> Rows, string Note) CohortTable(ConversionMetric conversion) => (
        ["New contacts of", "count", "met or collaborated by 30 d", "60 d", "90 d", "180 d"],
        conversion.Cohorts.Select(c => new[] { c.Month, N(c.NewContacts), Cell(c.Converted30), Cell(c.Converted60), Cell(c.Converted90), Cell(c.Converted180) }).ToList(),
        "– : not known yet, the horizon has not passed (a censored cohort).");

    private static string Cell(int? converted) => converted is { } n ? N(n) : "–";

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
