using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;
using static InboxNetworking.Tests.TestData.MailboxBuilder;

namespace InboxNetworking.Tests.Core;

/// <summary>The monthly metrics on a three-month mailbox whose every number is worked out by hand.</summary>
public sealed class NetworkAnalyzerTests
{
    private static readonly DateTimeOffset Jan = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb = new(2025, 2, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Jan: the owner and a exchange. Feb: b writes cold, the owner answers; a writes, unanswered.
    /// Mar: a introduces c; c and the owner exchange.</summary>
    private static IReadOnlyList<MonthlyReport> Analyze(string timeZone = "UTC", MetricsOptions? options = null)
    {
        var box = new MailboxBuilder();
        var first = box.Message(Jan, Owner, ["a@x.example"]);
        box.Message(Jan.AddHours(5), "a@x.example", [Owner], replyTo: first);
        var cold = box.Message(Feb, "b@y.example", [Owner]);
        box.Message(Feb.AddHours(24), Owner, ["b@y.example"], replyTo: cold);
        box.Message(Feb.AddDays(7), "a@x.example", [Owner]);
        var intro = box.Message(Mar, "a@x.example", [Owner, "c@z.example"]);
        var fromC = box.Message(Mar.AddHours(2), "c@z.example", [Owner], cc: ["a@x.example"], replyTo: intro);
        box.Message(Mar.AddHours(4), Owner, ["c@z.example"], replyTo: fromC);

        var account = Account(timeZone);
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, box.Calendar);
        var analyzer = new NetworkAnalyzer(options ?? new MetricsOptions { BurnInMonths = 1 }, new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        return analyzer.Analyze(account, network);
    }

    [Fact]
    public void Analyze_ProducesOneReportPerMonthWithData()
    {
        Assert.Equal(["2025-01", "2025-02", "2025-03"], Analyze().Select(r => r.Month));
    }

    [Fact]
    public void Analyze_Totals_CountMessagesBeforeExclusions()
    {
        var feb = Analyze()[1];
        Assert.Equal(new Totals(Messages: 3, MessagesSent: 1, MessagesReceived: 2, Events: 0, Contacts: 2), feb.Totals);
    }

    [Fact]
    public void Analyze_EachMetric_CarriesLastMonthsValueAndTheMedianOfTheMonthsBefore()
    {
        var reports = Analyze();
        Assert.Null(reports[0].Frequency.Previous);
        Assert.Null(reports[0].Frequency.Usual);
        Assert.Equal(reports[1].Frequency.Value, reports[2].Frequency.Previous);
        var before = new[] { reports[0].Frequency.Value, reports[1].Frequency.Value }.OfType<double>().Order().ToList();
        Assert.Equal(before.Count == 0 ? null : before.Average(), reports[2].Frequency.Usual); // the median of two is their mean
        Assert.Equal(reports[1].Depth.Value, reports[2].Depth.Previous);
    }

    [Fact]
    public void Analyze_NewContacts_BurnInFirstThenCountsByHowTheyBegan()
    {
        var reports = Analyze();
        Assert.True(reports[0].NewContacts.BurnIn);
        Assert.Null(reports[0].NewContacts.Value);
        Assert.Equal(1, reports[1].NewContacts.Value);
        Assert.Equal(1, reports[1].NewContacts.ContactInitiated);
        Assert.Equal(1, reports[1].NewContacts.Engaged); // b in Feb 3, owner out Feb 4: within 30 days
        Assert.Equal(1, reports[2].NewContacts.Introduced);
        Assert.Equal(new Introduction("c@z.example", "a@x.example"), reports[2].NewContacts.Introductions.Single());
        Assert.Equal([null, 1, 1], reports[2].NewContacts.Trend.Select(t => t.Value));
    }

    [Fact]
    public void Analyze_Frequency_NetworkSizeIsTwoMeaningfulInteractionsIn28Days()
    {
        var mar = Analyze()[2];
        // In [Mar 4, Apr 1): c has two (in and out), a has one (the introduction).
        Assert.Equal(1, mar.Frequency.NetworkSize);
        Assert.Equal(1, mar.Frequency.ReciprocalNetworkSize);
        Assert.Equal(3, mar.Frequency.MeaningfulInteractions);
    }

    [Fact]
    public void Analyze_Reciprocity_AveragesTheAvailableParts()
    {
        var feb = Analyze()[1];
        var b = feb.Contacts.Single(c => c.Address == "b@y.example");
        // b started (initiation 0), the owner answered but b did not answer back (replies min/max 0),
        // one message each way (volume 1); nothing else measurable: (0 + 0 + 1) / 3. b started the one thread.
        Assert.Equal(new ReciprocityParts(0, 0, null, null, 1, null, InitiationBalance: -1, InitiatedByOwner: 0, InitiatedByContact: 1), b.ReciprocityParts);
        Assert.Equal(0.3333, b.Reciprocity);
        // Frequency per contact: one message each way, alone with the owner (weight 1), on Feb 3 and Feb 4.
        Assert.Equal((1.0, 1.0, 2, 0), (b.WeightedOut, b.WeightedIn, b.ActiveDays, b.Meetings));
    }

    [Fact]
    public void Analyze_Reciprocity_AnIntroductionIsAServiceTheIntroducerDid()
    {
        var mar = Analyze()[2];
        // a introduced c to the owner in March; a sent no attachments and the owner did nothing for a:
        // services balance (0 - 1)/(0 + 1) = -1, so the part is 0.
        Assert.Equal(0, mar.Contacts.Single(c => c.Address == "a@x.example").ReciprocityParts!.Services);
        Assert.Null(mar.Contacts.Single(c => c.Address == "b@y.example").ReciprocityParts!.Services);
    }

    [Fact]
    public void Analyze_OutcomeTags_CountTaggedContactsAndTheirConversions()
    {
        var options = new MetricsOptions { BurnInMonths = 1 };
        options.OutcomeTags["C@z.example"] = ["client"];
        options.OutcomeTags["b@y.example"] = ["client", "job"];
        var mar = Analyze(options: options)[2];
        Assert.Equal([new OutcomeCount("client", 2, 0), new OutcomeCount("job", 1, 0)], mar.Conversion.Outcomes);
    }

    [Fact]
    public void Analyze_Depth_OneWayContactsScoreZero()
    {
        var feb = Analyze()[1];
        // In Feb, a and b both have traffic both ways over their history: both scored above zero.
        Assert.All(feb.Contacts, c => Assert.True(c.S0 > 0));
        var mar = Analyze()[2];
        Assert.Equal(3, mar.Contacts.Count);
    }

    [Fact]
    public void Analyze_MonthsFollowTheOwnersTimeZone()
    {
        var box = new MailboxBuilder();
        // 23:30 UTC on Jan 31 is already February in Moscow (UTC+3).
        box.Message(new DateTimeOffset(2025, 1, 31, 23, 30, 0, TimeSpan.Zero), Owner, ["a@x.example"]);
        var account = Account("Europe/Moscow");
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, []);
        var reports = new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero))).Analyze(account, network);
        Assert.Equal("2025-02", Assert.Single(reports).Month);
    }

    [Fact]
    public void Analyze_IgnoresImplausibleDates()
    {
        var box = new MailboxBuilder();
        box.Message(new DateTimeOffset(1979, 12, 31, 0, 0, 0, TimeSpan.Zero), Owner, ["a@x.example"]);
        box.Message(Jan, Owner, ["a@x.example"]);
        var account = Account();
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, []);
        var reports = new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero))).Analyze(account, network);
        Assert.Equal("2025-01", Assert.Single(reports).Month);
    }

    [Fact]
    public void Analyze_Meetings_CountAsTwoWayAndConvertContacts()
    {
        var box = new MailboxBuilder();
        box.Message(Jan, "a@x.example", [Owner]);
        box.Meeting(Jan.AddDays(3), 1, Owner, ("a@x.example", AttendeeResponse.Accepted));
        var account = Account();
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, box.Calendar);
        var jan = new NetworkAnalyzer(new MetricsOptions { BurnInMonths = 0 }, new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)))
            .Analyze(account, network).Single();
        Assert.Equal(1, jan.Conversion.Value); // met in January
        Assert.Equal(1, jan.Conversion.Funnel.Met);
        Assert.Equal(1, jan.Frequency.MeetingHours);
        Assert.Equal((1, 1.0), (jan.Contacts.Single().Meetings, jan.Contacts.Single().AttentionHours));
        Assert.True(jan.Contacts.Single().S0 > 0);
    }
}
