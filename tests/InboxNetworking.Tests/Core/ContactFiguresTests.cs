using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;
using static InboxNetworking.Tests.TestData.MailboxBuilder;

namespace InboxNetworking.Tests.Core;

/// <summary>Per-contact figures against their definitions (METRICS.md 2 and 6), on mail whose answers are known by hand.</summary>
public sealed class ContactFiguresTests
{
    private static readonly DateTimeOffset Jan = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<MonthlyReport> Analyze(MailboxBuilder box)
    {
        var account = Account();
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, box.Calendar);
        var analyzer = new NetworkAnalyzer(new MetricsOptions { BurnInMonths = 1 }, new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return analyzer.Analyze(account, network);
    }

    private static MonthlyReport Month(IReadOnlyList<MonthlyReport> reports, string month) => reports.Single(r => r.Month == month);

    private static ContactRow Contact(MonthlyReport report, string address) => report.Contacts.Single(c => c.Address == address);

    /// <summary>2^(-age/60) summed over the given instants, at the end of the month.</summary>
    private static double Decayed(IEnumerable<DateTimeOffset> times, DateTimeOffset end) => times.Sum(t => Math.Pow(2, -(end - t).TotalDays / 60));

    [Fact]
    public void InteractionRank_IsTheRealDecayedSum_ForADormantContactWithOnlyLargeThreadsLately()
    {
        var box = new MailboxBuilder();
        var exchanges = new List<DateTimeOffset>();
        // January: a close 1:1 tie, both ways.
        for (var k = 0; k < 6; k++)
        {
            var sent = box.Message(Jan.AddDays(k * 3), Owner, ["dora@x.example"]);
            box.Message(Jan.AddDays(k * 3).AddHours(2), "dora@x.example", [Owner], replyTo: sent);
            exchanges.Add(Jan.AddDays(k * 3));
        }
        // September: a 50-message patch series to her and ten others, nothing small.
        var others = Enumerable.Range(0, 10).Select(k => $"p{k}@lists.example").ToArray();
        var series = Enumerable.Range(0, 50).Select(k => new DateTimeOffset(2025, 9, 8, 9, 0, 0, TimeSpan.Zero).AddMinutes(k)).ToList();
        foreach (var t in series)
            box.Message(t, Owner, ["dora@x.example", .. others]);

        var sep = Month(Analyze(box), "2025-09");
        var dora = Contact(sep, "dora@x.example");
        var end = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var expectedOut = Decayed(exchanges.Concat(series), end);
        var expectedIn = Decayed(exchanges.Select(t => t.AddHours(2)), end);
        Assert.Equal(Tiers.Dormant, dora.Tier); // tier rules stay as they are
        Assert.Equal(expectedOut, dora.InteractionRankOut, tolerance: 1e-2);
        Assert.True(dora.InteractionRankOut > 35, $"the 50 September messages count: {dora.InteractionRankOut}");
        Assert.Equal(expectedIn, dora.InteractionRankIn, tolerance: 1e-2);
        Assert.Equal(2 * dora.InteractionRankOut + dora.InteractionRankIn, dora.InteractionRank, tolerance: 1e-2);
        Assert.Equal(TieMath.PowerMean(expectedOut, expectedIn), dora.S0, tolerance: 1e-3);
    }

    [Fact]
    public void InitiationBalance_IsSigned_WithTheThreadCountsBehindIt()
    {
        var box = new MailboxBuilder();
        // Carl starts 6 threads and the owner answers each; the owner starts 2 and Carl answers.
        for (var k = 0; k < 6; k++)
        {
            var his = box.Message(Jan.AddDays(k * 2), "carl@x.example", [Owner], subject: $"idea {k}");
            box.Message(Jan.AddDays(k * 2).AddHours(3), Owner, ["carl@x.example"], replyTo: his);
        }
        for (var k = 0; k < 2; k++)
        {
            var mine = box.Message(Jan.AddDays(k * 2 + 1), Owner, ["carl@x.example"], subject: $"question {k}");
            box.Message(Jan.AddDays(k * 2 + 1).AddHours(5), "carl@x.example", [Owner], replyTo: mine);
        }

        var parts = Contact(Month(Analyze(box), "2025-01"), "carl@x.example").ReciprocityParts!;
        Assert.Equal(2, parts.InitiatedByOwner);
        Assert.Equal(6, parts.InitiatedByContact);
        Assert.Equal((2.0 - 6) / (2 + 6), parts.InitiationBalance!.Value, 6);
        Assert.Equal(1 - Math.Abs((2.0 - 6) / (2 + 6)), parts.Initiation!.Value, 6); // the unsigned part stays as it was
    }

    [Fact]
    public void ReplyRatesAndMedianLatencies_PerContact_BothWays()
    {
        var box = new MailboxBuilder();
        // Four messages from Rita to the owner: the owner answers three, after 2, 4 and 10 hours.
        var hers = Enumerable.Range(0, 4).Select(k => box.Message(Jan.AddDays(k * 2), "rita@x.example", [Owner], subject: $"r{k}")).ToList();
        box.Message(Jan.AddHours(2), Owner, ["rita@x.example"], replyTo: hers[0]);
        box.Message(Jan.AddDays(2).AddHours(4), Owner, ["rita@x.example"], replyTo: hers[1]);
        box.Message(Jan.AddDays(4).AddHours(10), Owner, ["rita@x.example"], replyTo: hers[2]);
        // Two from the owner to Rita: she answers one, after one hour.
        var mine = box.Message(Jan.AddDays(10), Owner, ["rita@x.example"], subject: "mine");
        box.Message(Jan.AddDays(10).AddHours(1), "rita@x.example", [Owner], replyTo: mine);
        box.Message(Jan.AddDays(12), Owner, ["rita@x.example"], subject: "mine too");

        var rita = Contact(Month(Analyze(box), "2025-01"), "rita@x.example");
        // Every message to the other side directly counts, replies included: Rita sent 5 (her 4 and her
        // answer), the owner answered 3; the owner sent 5 (3 answers and 2 of its own), Rita answered 1.
        Assert.Equal(3.0 / 5, rita.OwnerReplyRate!.Value, 6);
        Assert.Equal(1.0 / 5, rita.ContactReplyRate!.Value, 6);
        Assert.Equal(4, rita.OwnerMedianReplyHours!.Value, 6);
        // The facts the reasons are told from: five messages each way, all in the last 28 days of January.
        Assert.Equal((5, 5, 5, 5), (rita.MessagesOut28, rita.MessagesIn28, rita.MessagesOut90, rita.MessagesIn90));
        Assert.Equal(1, rita.ContactMedianReplyHours!.Value, 6);
    }

    [Fact]
    public void MonthInitiationBalance_CountsThreads_NotMessageContactPairs()
    {
        var box = new MailboxBuilder();
        // One thread the owner starts with two people, answered by both; one thread Ann starts, answered.
        var mine = box.Message(Jan, Owner, ["ann@x.example", "bob@x.example"], subject: "plan");
        box.Message(Jan.AddHours(1), "ann@x.example", [Owner], replyTo: mine);
        box.Message(Jan.AddHours(2), "bob@x.example", [Owner], replyTo: mine);
        var hers = box.Message(Jan.AddDays(3), "ann@x.example", [Owner], subject: "hers");
        box.Message(Jan.AddDays(3).AddHours(1), Owner, ["ann@x.example"], replyTo: hers);

        var jan = Month(Analyze(box), "2025-01");
        Assert.Equal(0.0, jan.Reciprocity.InitiationBalance!.Value, 6); // one thread each: (1 - 1) / 2, not (2 - 1) / 3
    }

    [Fact]
    public void RepliesOwed_AThreadEndingOnACloseContactsReplyToTheOwner_IsOwed()
    {
        var box = new MailboxBuilder();
        // A close tie all month: daily threads Sam starts and the owner answers (they end on the owner).
        for (var k = 0; k < 12; k++)
        {
            var ask = box.Message(Jan.AddDays(k), "sam@x.example", [Owner], subject: $"daily {k}");
            box.Message(Jan.AddDays(k).AddHours(1), Owner, ["sam@x.example"], replyTo: ask);
        }
        // Then the owner asks once more; Sam's "Re:" on the 20th, to the owner alone, stays unanswered.
        var last = box.Message(new DateTimeOffset(2025, 1, 20, 9, 0, 0, TimeSpan.Zero), Owner, ["sam@x.example"], subject: "one more");
        var owed = box.Message(new DateTimeOffset(2025, 1, 20, 15, 0, 0, TimeSpan.Zero), "sam@x.example", [Owner], replyTo: last);
        // A reply on the 31st is too fresh to be owed by the month's end.
        var late = box.Message(new DateTimeOffset(2025, 1, 31, 8, 0, 0, TimeSpan.Zero), Owner, ["sam@x.example"], subject: "late");
        box.Message(new DateTimeOffset(2025, 1, 31, 9, 0, 0, TimeSpan.Zero), "sam@x.example", [Owner], replyTo: late);

        var jan = Month(Analyze(box), "2025-01");
        Assert.Contains(Contact(jan, "sam@x.example").Tier, new[] { Tiers.Core, Tiers.Strong });
        var row = Assert.Single(jan.OwedReplies);
        Assert.Equal("sam@x.example", row.Address);
        Assert.Equal(new DateTimeOffset(2025, 1, 20, 15, 0, 0, TimeSpan.Zero), row.Received);
        Assert.Equal(Math.Round((new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero) - row.Received).TotalDays, 1), row.DaysWaiting);
        Assert.Contains(box.Mail, m => m.MessageId == owed);
    }

    [Fact]
    public void Actions_OwedRepliesFirstOldestFirst_TheRestCounted_ThenTiesWhereYouAlwaysStart()
    {
        var box = new MailboxBuilder();
        // Sam and Tia start daily threads the owner answers; each then leaves a "Re:" to the owner unanswered.
        foreach (var (who, owedOn) in new[] { ("sam@x.example", 18), ("tia@x.example", 22) })
        {
            for (var k = 0; k < 12; k++)
            {
                var theirs = box.Message(Jan.AddDays(k), who, [Owner], subject: $"{who} {k}");
                box.Message(Jan.AddDays(k).AddHours(1), Owner, [who], replyTo: theirs);
            }
            var ask = box.Message(new DateTimeOffset(2025, 1, owedOn, 9, 0, 0, TimeSpan.Zero), Owner, [who], subject: $"ask {who}");
            box.Message(new DateTimeOffset(2025, 1, owedOn, 10, 0, 0, TimeSpan.Zero), who, [Owner], replyTo: ask);
        }
        // Lee only ever answers: the owner starts all 8 threads (and has the last word).
        for (var k = 0; k < 8; k++)
        {
            var mine = box.Message(Jan.AddDays(k * 2).AddHours(3), Owner, ["lee@x.example"], subject: $"lee {k}");
            var answer = box.Message(Jan.AddDays(k * 2).AddHours(4), "lee@x.example", [Owner], replyTo: mine);
            box.Message(Jan.AddDays(k * 2).AddHours(5), Owner, ["lee@x.example"], replyTo: answer);
        }
        // A few passing contacts, so that the three above rank as close ties.
        for (var k = 0; k < 8; k++)
            box.Message(Jan.AddDays(k), $"once{k}@y.example", [Owner]);

        var account = Account();
        var network = new InteractionExtractor(new ExtractionOptions()).Extract(account, box.Mail, box.Calendar);
        var options = new MetricsOptions { BurnInMonths = 1, ActionRepliesListed = 1 };
        var jan = new NetworkAnalyzer(options, new TransparentScorer(), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .Analyze(account, network).Single(r => r.Month == "2025-01");

        Assert.Equal(2, jan.OwedReplies.Count);
        Assert.Equal(new ActionItem("reply", "sam@x.example", "Sam", Days: jan.OwedReplies.Single(o => o.Address == "sam@x.example").DaysWaiting), jan.Actions[0]);
        Assert.Equal(new ActionItem("replies", Count: 1), jan.Actions[1]); // Tia's is counted, not lost
        var lead = Assert.Single(jan.Actions, a => a.Kind == "let-them-lead");
        Assert.Equal(("lee@x.example", 8, 8), (lead.Address, lead.Started, lead.Conversations));
        Assert.True(jan.Actions.Count <= options.ActionsMax);
    }

    [Fact]
    public void Actions_ANewContactWhoAnsweredButWasNotMet_IsToFollowUp()
    {
        var box = new MailboxBuilder();
        // Nia writes on 5 January, the owner answers the next day, and nothing since; no meeting.
        var hers = box.Message(new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero), "nia@new.example", [Owner], subject: "hello");
        box.Message(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero), Owner, ["nia@new.example"], replyTo: hers);
        // Omar, just as new, was met on 20 January: nothing to follow up.
        var his = box.Message(new DateTimeOffset(2025, 1, 7, 9, 0, 0, TimeSpan.Zero), "omar@new.example", [Owner], subject: "hi");
        box.Message(new DateTimeOffset(2025, 1, 8, 9, 0, 0, TimeSpan.Zero), Owner, ["omar@new.example"], replyTo: his);
        box.Meeting(new DateTimeOffset(2025, 1, 20, 10, 0, 0, TimeSpan.Zero), 1, Owner, ("omar@new.example", AttendeeResponse.Accepted));

        var jan = Month(Analyze(box), "2025-01");
        var follow = Assert.Single(jan.Actions, a => a.Kind == "follow-up");
        Assert.Equal("nia@new.example", follow.Address);
        Assert.Equal(25.6, follow.Days); // since the owner's last message: 6 January 09:00 to 1 February 00:00
    }

    [Fact]
    public void Actions_AListYouPostedToBeforeButNotThisMonth_IsToPostAgain()
    {
        var box = new MailboxBuilder();
        // The owner posts to ext4 three times and to the quieter btrfs list once in December-January, to neither in February.
        foreach (var day in new[] { 2, 9 })
            box.Message(new DateTimeOffset(2025, 1, day, 9, 0, 0, TimeSpan.Zero), Owner, ["ext4@lists.example"], tweak: m => m with { ListId = "ext4.lists.example" });
        box.Message(new DateTimeOffset(2024, 12, 20, 9, 0, 0, TimeSpan.Zero), Owner, ["ext4@lists.example"], tweak: m => m with { ListId = "ext4.lists.example" });
        box.Message(new DateTimeOffset(2025, 1, 3, 9, 0, 0, TimeSpan.Zero), Owner, ["btrfs@lists.example"], tweak: m => m with { ListId = "btrfs.lists.example" });
        // In March the owner posts to ext4 again: nothing to do about it then.
        box.Message(new DateTimeOffset(2025, 2, 14, 9, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner]);
        box.Message(new DateTimeOffset(2025, 3, 5, 9, 0, 0, TimeSpan.Zero), Owner, ["ext4@lists.example"], tweak: m => m with { ListId = "ext4.lists.example" });

        var reports = Analyze(box);
        var quiet = Assert.Single(Month(reports, "2025-02").Actions, a => a.Kind == "quiet-community");
        Assert.Equal(("ext4.lists.example", 3), (quiet.Name, quiet.Count)); // btrfs had one post: not one of "your" communities
        Assert.Equal(50.6, quiet.Days); // the last post, 9 January 09:00, to the month's end, 1 March 00:00
        Assert.DoesNotContain(Month(reports, "2025-03").Actions, a => a.Kind == "quiet-community");
        Assert.Equal("Post again in ext4.lists.example: you posted 3 times in the three months before, not this month (last 51 days ago).",
            InboxNetworking.Reporting.ActionText.Of(InboxNetworking.Reporting.Text.ReportText.English, quiet));
    }

    [Fact]
    public void GoingCold_MedianGap_IsBetweenDaysWithContact_NotBetweenMessages()
    {
        var box = new MailboxBuilder();
        // Every 4 days, two threads in the same afternoon with Gus, answered; then silence from 1 March.
        var day = Jan;
        while (day < new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero))
        {
            foreach (var minute in new[] { 0, 1 })
            {
                var ask = box.Message(day.AddMinutes(minute), Owner, ["gus@x.example"], subject: $"t{day:MMdd}{minute}");
                box.Message(day.AddMinutes(minute + 30), "gus@x.example", [Owner], replyTo: ask);
            }
            day = day.AddDays(4);
        }
        // Someone else keeps the mailbox going through March.
        box.Message(new DateTimeOffset(2025, 3, 30, 9, 0, 0, TimeSpan.Zero), "other@y.example", [Owner]);

        var cold = Month(Analyze(box), "2025-03").GoingCold.Single(r => r.Address == "gus@x.example");
        Assert.Equal(4, cold.MedianGapDays); // days with contact are 4 apart; threads were a minute apart
    }
}
