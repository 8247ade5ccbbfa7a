using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Scoring;
using InboxNetworking.Tests.TestData;
using static InboxNetworking.Tests.TestData.MailboxBuilder;

namespace InboxNetworking.Tests.Scoring;

/// <summary>The ML rows: features from before the cutoff only, labels from the three months after it.</summary>
public sealed class FeatureBuilderTests
{
    private static readonly DateTimeOffset March = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static FeatureBuilder Builder(IReadOnlyList<MailItem> mail, IReadOnlyList<CalendarItem> calendar)
    {
        var account = Account();
        return new FeatureBuilder(new InteractionExtractor(new ExtractionOptions()).Extract(account, mail, calendar), new MonthCalendar(TimeZoneInfo.Utc));
    }

    private static float Feature(ContactMonth row, string name) => row.Features[FeatureSchema.IndexOf(name)];

    [Fact]
    public void Features_AreWorkedOutFromBeforeTheCutoff_AndLabelsFromTheThreeMonthsAfter()
    {
        var box = new MailboxBuilder();
        // February: the owner writes Ann twice (she answers the first after 2 hours), Ann writes once (answered after 1 day).
        var first = box.Message(new DateTimeOffset(2025, 2, 3, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"], subject: "one");
        box.Message(new DateTimeOffset(2025, 2, 3, 11, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner], replyTo: first);
        box.Message(new DateTimeOffset(2025, 2, 10, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example", "bob@x.example"], subject: "two");
        var hers = box.Message(new DateTimeOffset(2025, 2, 12, 9, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner], subject: "three");
        box.Message(new DateTimeOffset(2025, 2, 13, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"], replyTo: hers);
        // A message of 26 February answered on 3 March: too young at the cutoff for its answer to be known.
        var late = box.Message(new DateTimeOffset(2025, 2, 26, 9, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner], subject: "late");
        box.Message(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"], replyTo: late);
        // After the cutoff: Ann writes, the owner answers in 3 hours, so both ways and L2; the owner's next message goes unanswered.
        var april = box.Message(new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner], subject: "april");
        box.Message(new DateTimeOffset(2025, 4, 2, 12, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"], replyTo: april);
        box.Message(new DateTimeOffset(2025, 4, 20, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"], subject: "unanswered");
        // Someone keeps the mailbox going beyond the label window.
        box.Message(new DateTimeOffset(2025, 6, 30, 9, 0, 0, TimeSpan.Zero), "zed@y.example", [Owner]);

        var ann = Builder(box.Mail, box.Calendar).Build(March).Single(r => r.Address == "ann@x.example");

        // Out: 1 (alone) + 0.5 (with Bob) + 1 (answer); in: three messages alone.
        Assert.Equal(2.5f, Feature(ann, "weightedOut1m"));
        Assert.Equal(3f, Feature(ann, "weightedIn1m"));
        Assert.Equal(5f, Feature(ann, "activeDays3m")); // 3, 10, 12, 13 and 26 February
        Assert.Equal(1f / 6, Feature(ann, "smallGroupShare1m"), 4); // one of six emails had Bob on it
        var cutoff = March;
        var expectedRankOut = new[] { 3, 10, 13 }.Sum(d => Math.Pow(2, -(cutoff - new DateTimeOffset(2025, 2, d, 9, 0, 0, TimeSpan.Zero)).TotalDays / 30));
        Assert.Equal(expectedRankOut, Feature(ann, "rankOut30d"), 3);
        Assert.Equal(2.625f, Feature(ann, "daysSinceLast"), 3); // 26 February 09:00 to 1 March 00:00
        // Ann's messages to the owner old enough at the cutoff: the 3 Feb reply (unanswered) and "three" (answered): 1 of 2;
        // "late" is left out, although the answer came (on 3 March), since at the cutoff nobody could know it.
        Assert.Equal(0.5f, Feature(ann, "ownerReplyRate"));
        // The owner's three: "one" answered in 2 hours, "two" (with Bob, still small) and the reply: 1 of 3.
        Assert.Equal(1f / 3, Feature(ann, "contactReplyRate"), 4);
        Assert.Equal(24f, Feature(ann, "ownerMedianReplyHours"));
        Assert.Equal(2f, Feature(ann, "contactMedianReplyHours"));

        Assert.True(ann.Depth);
        Assert.True(ann.OwnerReplies);
        Assert.False(ann.ContactReplies);
    }

    [Fact]
    public void Labels_AreAbsent_WhereTheDataDoesNotCoverTheLabelWindow()
    {
        var box = new MailboxBuilder();
        var first = box.Message(new DateTimeOffset(2025, 2, 3, 9, 0, 0, TimeSpan.Zero), Owner, ["ann@x.example"]);
        box.Message(new DateTimeOffset(2025, 3, 3, 11, 0, 0, TimeSpan.Zero), "ann@x.example", [Owner], replyTo: first);

        var ann = Builder(box.Mail, box.Calendar).Build(March).Single();
        Assert.Null(ann.Depth);
        Assert.Null(ann.OwnerReplies);
        Assert.Null(ann.ContactReplies);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Features_AtACutoff_DoNotChange_WhenMailAfterItIsAddedOrRemoved(int seed)
    {
        var (mail, calendar) = GeneratedMailbox(seed);
        var all = Builder(mail, calendar);
        foreach (var cutoff in new[] { new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero) })
        {
            var cut = Builder(mail.Where(m => m.Date < cutoff).ToList(), calendar.Where(e => e.InstanceStart < cutoff).ToList());
            var full = all.Build(cutoff).ToDictionary(r => r.Address);
            var truncated = cut.Build(cutoff).ToDictionary(r => r.Address);
            Assert.True(full.Count > 5, $"seed {seed}: {full.Count} rows at {cutoff:yyyy-MM}");
            Assert.Equal(full.Keys.Order(StringComparer.Ordinal), truncated.Keys.Order(StringComparer.Ordinal));
            foreach (var (address, row) in full)
            {
                var other = truncated[address].Features;
                for (var k = 0; k < row.Features.Length; k++)
                    Assert.True(Same(row.Features[k], other[k]), $"seed {seed}, {address} at {cutoff:yyyy-MM}: {FeatureSchema.Names[k]} is {row.Features[k]} with later mail, {other[k]} without");
            }
        }
    }

    private static bool Same(float a, float b) => (float.IsNaN(a) && float.IsNaN(b)) || Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Abs(a));

    /// <summary>A year of random mail and meetings with replies, group threads, attachments and late answers.</summary>
    private static (IReadOnlyList<MailItem> Mail, IReadOnlyList<CalendarItem> Calendar) GeneratedMailbox(int seed)
    {
        var random = new Random(seed);
        var box = new MailboxBuilder();
        var people = Enumerable.Range(0, 25).Select(k => $"p{k}@{(k % 3 == 0 ? "corp" : "ext" + k % 4)}.example").ToArray();
        var t = new DateTimeOffset(2025, 1, 2, 8, 0, 0, TimeSpan.Zero);
        var open = new List<(string Id, string From)>();
        while (t < new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero))
        {
            t = t.AddHours(random.Next(2, 40));
            var who = people[(int)Math.Min(people.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble() * people.Length))];
            var roll = random.Next(10);
            if (roll < 3 && open.Count > 0)
            {
                // An answer, sometimes days later (across a cutoff now and then).
                // Mostly the newest open message, answered within days: some answers land after a cutoff.
                var (id, from) = random.Next(10) < 7 ? open[^1] : open[random.Next(open.Count)];
                open.RemoveAll(o => o.Id == id);
                var replier = from == Owner ? box.Mail.First(m => m.MessageId == id).To[0].Address : Owner;
                box.Message(t.AddDays(random.Next(0, 5)), replier, [replier == Owner ? from : Owner], replyTo: id, tweak: m => m with { HasAttachment = random.Next(5) == 0 });
            }
            else if (roll < 6)
            {
                var to = random.Next(4) == 0 ? new[] { who, people[random.Next(people.Length)], people[random.Next(people.Length)] }.Distinct().ToArray() : [who];
                open.Add((box.Message(t, Owner, to, subject: $"s{t.Ticks}"), Owner));
            }
            else if (roll < 9)
            {
                open.Add((box.Message(t, who, [Owner], cc: random.Next(3) == 0 ? [people[random.Next(people.Length)]] : null, subject: $"r{t.Ticks}"), who));
            }
            else
            {
                box.Meeting(t, 1, random.Next(2) == 0 ? Owner : who, (Owner, AttendeeResponse.Accepted), (who, AttendeeResponse.Accepted));
            }
        }
        return (box.Mail.OrderBy(m => m.Date).ToList(), box.Calendar);
    }
}
