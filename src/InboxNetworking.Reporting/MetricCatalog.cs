using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Text;

namespace InboxNetworking.Reporting;

/// <summary>How each of the eight metrics is named and explained to a reader, in one place for every format.</summary>
internal static class MetricCatalog
{
    public sealed record Entry(string Key, bool IsRatio, Func<MonthlyReport, Metric> Pick)
    {
        public string Title(ReportText t) => t[$"metric.{Key}.title"];

        public string ValueLabel(ReportText t) => t[$"metric.{Key}.label"];
    }

    public static readonly IReadOnlyList<Entry> All =
    [
        new("newContacts", false, r => r.NewContacts),
        new("frequency", false, r => r.Frequency),
        new("engagement", false, r => r.Engagement),
        new("conversion", false, r => r.Conversion),
        new("depth", false, r => r.Depth),
        new("reciprocity", true, r => r.Reciprocity),
        new("influence", false, r => r.Influence),
        new("access", false, r => r.Access),
    ];

    /// <summary>Who starts the conversations with a contact, in words (from the signed initiation balance).</summary>
    public static string WhoStarts(ReportText t, ReciprocityParts? parts) => t[parts?.InitiationBalance switch
    {
        null => "who.none",
        <= -1 => "who.theyAll",
        <= -1.0 / 3 => "who.theyMost",
        >= 1 => "who.youAll",
        >= 1.0 / 3 => "who.youMost",
        _ => "who.both",
    }];

    /// <summary>What changed, in words: "3, 2 more than in October; your usual is 2". Null when the month has no value.</summary>
    public static string? Change(ReportText t, MonthlyReport r, Entry m)
    {
        var metric = m.Pick(r);
        if (metric.Value is not { } value)
            return null;
        var previousMonth = DateTime.TryParseExact(r.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? t.Month(d.AddMonths(-1), withYear: false, form: "in")
            : t["month.previous.in"];
        var text = new System.Text.StringBuilder(Format(t, value, m.IsRatio));
        if (metric.Previous is not { } previous)
            text.Append(t.Format("change.noPrevious", previousMonth));
        else if (Math.Abs(value - previous) < (m.IsRatio ? 0.005 : 1e-9))
            text.Append(t.Format("change.same", previousMonth));
        else
        {
            var (up, down) = m.IsRatio ? ("change.higher", "change.lower") : ("change.more", "change.fewer");
            text.Append(t.Format(value > previous ? up : down, Format(t, Math.Abs(value - previous), m.IsRatio), previousMonth));
        }
        text.Append(metric.Usual is { } usual ? t.Format("change.usual", Format(t, usual, m.IsRatio)) : t["change.tooEarly"]);
        return text.ToString();
    }

    public static string Format(ReportText t, double? value, bool isRatio) => value switch
    {
        null => t["na"],
        { } v when isRatio => t.Number(v, "0.00"),
        { } v when Math.Abs(v - Math.Round(v)) < 1e-9 => t.Number(v, "0"),
        { } v => t.Number(v, "0.0"),
    };

    public static string Percent(ReportText t, double? value) =>
        value is { } v ? t.Format("percent", t.Number(v * 100, "0")) : t["na"];

    /// <summary>The details that matter beyond the headline, as label/value pairs.</summary>
    public static IReadOnlyList<(string Label, string Value)> Details(ReportText t, MonthlyReport r, string key)
    {
        string N(int n) => t.Number(n, "0");
        string Pair(string a, string b) => $"{a} / {b}";
        return key switch
        {
            "newContacts" => r.NewContacts.BurnIn
                ? [(t["detail.burnIn"], t["detail.burnIn.value"])]
                : [(t["detail.youFirst"], N(r.NewContacts.OwnerInitiated)), (t["detail.theyFirst"], N(r.NewContacts.ContactInitiated)),
                   (t["detail.introduced"], N(r.NewContacts.Introduced)), (t["detail.metAtMeeting"], N(r.NewContacts.MetAtMeeting)),
                   (t["detail.internalExternal"], Pair(N(r.NewContacts.Internal), N(r.NewContacts.External))), (t["detail.newOrganizations"], N(r.NewContacts.NewOrganizations)),
                   (t["detail.engaged"], N(r.NewContacts.Engaged))],
            "frequency" =>
                [(t["detail.reciprocalNetwork"], N(r.Frequency.ReciprocalNetworkSize)), (t["detail.meaningful"], N(r.Frequency.MeaningfulInteractions)),
                 (t["detail.attention"], Pair(Percent(t, r.Frequency.Top5Share), Percent(t, r.Frequency.Top15Share))),
                 (t["detail.meetingHours"], Format(t, r.Frequency.MeetingHours, false))],
            "engagement" =>
                [(t["detail.listPosts"], Pair(N(r.Engagement.ListPosts), N(r.Engagement.ListReceived))),
                 (t["detail.recurringGroups"], N(r.Engagement.RecurringGroups)), (t["detail.rsvp"], Percent(t, r.Engagement.RsvpAcceptanceRate)),
                 (t["detail.events"], N(r.Engagement.EventsAttended)), (t["detail.organised"], Percent(t, r.Engagement.OrganizerShare)),
                 (t["detail.eventConversion"], Percent(t, r.Engagement.EventContactConversion))],
            "conversion" =>
                [(t["detail.funnel"], string.Join(" / ", new[] { r.Conversion.Funnel.Seen, r.Conversion.Funnel.Engaged, r.Conversion.Funnel.Recurring, r.Conversion.Funnel.Met, r.Conversion.Funnel.Collaboration }.Select(N))),
                 .. r.Conversion.Outcomes.Select(o => (t.Format("detail.tagged", o.Tag), t.Format("detail.ofTotal", N(o.Converted), N(o.Contacts))))],
            "depth" =>
                [(t["detail.tiers"], string.Join(" / ", new[] { r.Depth.Core, r.Depth.Strong, r.Depth.Active, r.Depth.Weak }.Select(N))), (t["detail.dormant"], N(r.Depth.Dormant))],
            "reciprocity" =>
                [(t["detail.whoStarts"], Format(t, r.Reciprocity.InitiationBalance, true)),
                 (t["detail.youReply"], Percent(t, r.Reciprocity.OwnerReplyRate)), (t["detail.theyReply"], Percent(t, r.Reciprocity.ContactReplyRate)),
                 (t["detail.lopsided"], N(r.Reciprocity.LopsidedContacts))],
            "influence" =>
                [(t["detail.organizersInviting"], N(r.Influence.OrganizersInviting)), (t["detail.required"], Percent(t, r.Influence.RequiredShare)),
                 (t["detail.peopleReply"], Percent(t, r.Influence.ContactReplyRate)),
                 (t["detail.medianReply"], r.Influence.ContactMedianReplyHours is { } h ? t.Format("detail.hours", Format(t, h, false)) : t["na"]),
                 (t["detail.acceptance"], Percent(t, r.Influence.OwnerMeetingAcceptance))],
            "access" =>
                [(t["detail.alters"], Pair(N(r.Access.Alters), N(r.Access.Clusters))), (t["detail.constraint"], Format(t, r.Access.Constraint, true)),
                 (t["detail.efficiency"], Format(t, r.Access.Efficiency, true)),
                 (t["detail.spread"], Pair(Format(t, r.Access.ContactEntropy, true), Format(t, r.Access.OrganizationEntropy, true))),
                 (t["detail.externalOrganizations"], N(r.Access.ExternalOrganizationsTwoWay)), (t["detail.bridging"], N(r.Access.BridgingTies))],
            _ => [],
        };
    }

    /// <summary>The conversion cohorts as a table every format lays out its own way.</summary>
    public static (string[] Header, List<string[]> Rows, string Note) CohortTable(ReportText t, ConversionMetric conversion)
    {
        string Cell(int? converted) => converted is { } n ? t.Number(n, "0") : "–";
        return (
            [t["cohort.of"], t["cohort.count"], t["cohort.30"], t["cohort.60"], t["cohort.90"], t["cohort.180"]],
            conversion.Cohorts.Select(c => new[] { c.Month, t.Number(c.NewContacts, "0"), Cell(c.Converted30), Cell(c.Converted60), Cell(c.Converted90), Cell(c.Converted180) }).ToList(),
            t["cohort.note"]);
    }

    /// <summary>A tier's name ("core", "strong"...) in the report's language.</summary>
    public static string Tier(ReportText t, string tier) => t[$"tier.{tier}"];

    /// <summary>A going-cold level ("going cold", "likely lapsed", "score dropped") in the report's language.</summary>
    public static string Level(ReportText t, string level) => level switch
    {
        "likely lapsed" => t["level.lapsed"],
        "going cold" => t["level.cold"],
        "score dropped" => t["level.dropped"],
        _ => level,
    };
}
