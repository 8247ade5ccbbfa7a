using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Tests.TestData;
using static InboxNetworking.Tests.TestData.MailboxBuilder;

namespace InboxNetworking.Tests.Core;

/// <summary>One test per extraction rule of METRICS.md section 0, on hand-built mailboxes.</summary>
public sealed class ExtractionTests
{
    [Fact]
    public void Merges_AreFollowedToTheirEnd_EveryAliasCountsAsTheLastAddress()
    {
        var box = new MailboxBuilder();
        foreach (var (from, k) in new[] { ("a@x.example", 0), ("B@x.example", 1), ("c@x.example", 2) })
            box.Message(MailboxBuilder.T0.AddDays(k), from, [MailboxBuilder.Owner]);
        var builder = new InteractionExtractor(new ExtractionOptions()).Start(MailboxBuilder.Account(), [], aliases:
            new Dictionary<string, string> { ["a@x.example"] = "b@x.example", ["b@x.example"] = "c@x.example" });
        foreach (var m in box.Mail)
            builder.Add(m);
        var network = builder.Build();
        Assert.Equal(["c@x.example"], network.Contacts);
        Assert.Equal(3, network.Interactions.Count);
    }

    private static ExtractedNetwork Extract(MailboxBuilder box, ExtractionOptions? options = null) =>
        new InteractionExtractor(options ?? new ExtractionOptions()).Extract(Account(), box.Mail, box.Calendar);

    private static List<Interaction> For(ExtractedNetwork n, string address) =>
        n.Interactions.Where(i => n.Contacts[i.Contact] == address).ToList();

    [Fact]
    public void Extract_WhenOwnerSendsToTwo_EmitsOutboundWithWeightOneOverRecipients()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["a@x.example", "b@y.example"]);
        var n = Extract(box);
        var a = Assert.Single(For(n, "a@x.example"));
        Assert.Equal(Direction.Out, a.Direction);
        Assert.Equal(0.5, a.Weight, 6);
        Assert.True(a.Meaningful);
        Assert.True(a.Initiation);
    }

    [Fact]
    public void Extract_WhenContactWritesToOwnerAndOneOther_EmitsInboundWithWeightOneOverOthersPlusOne()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner, "b@y.example"]);
        var n = Extract(box);
        var a = Assert.Single(For(n, "a@x.example"));
        Assert.Equal(Direction.In, a.Direction);
        Assert.Equal(0.5, a.Weight, 6); // one other recipient: 1/(1+1)
        Assert.Empty(For(n, "b@y.example")); // b is context (co), not dyadic
    }

    [Fact]
    public void Extract_WhenSixPeopleOnAMessage_IsNotMeaningful()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example"]);
        Assert.All(Extract(box).Interactions, i => Assert.False(i.Meaningful));
    }

    [Fact]
    public void Extract_WhenMoreThan25Recipients_IsABroadcastAndNotARelationship()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, Enumerable.Range(0, 26).Select(i => $"p{i}@x.example").ToArray());
        Assert.Empty(Extract(box).Interactions);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("List-Id", "<dev.lists.example>")]
    [InlineData("Precedence", "bulk")]
    [InlineData("List-Unsubscribe", "<mailto:u@x.example>")]
    public void Extract_WhenMessageIsAutomatedOrBulk_EmitsNothing(string header, string value)
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], tweak: m => header switch
        {
            "Auto-Submitted" => m with { AutoSubmitted = value },
            "List-Id" => m with { ListId = value },
            "Precedence" => m with { Precedence = value },
            _ => m with { HasListUnsubscribe = true },
        });
        Assert.Empty(Extract(box).Interactions);
    }

    [Fact]
    public void Extract_WhenAutoSubmittedIsNo_CountsTheMessage()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], tweak: m => m with { AutoSubmitted = "no" });
        Assert.Single(Extract(box).Interactions);
    }

    [Theory]
    [InlineData("Automatic reply: away")]
    [InlineData("Out of Office: back Monday")]
    public void Extract_WhenSubjectSaysAutoReply_EmitsNothing(string subject)
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], subject: subject);
        Assert.Empty(Extract(box).Interactions);
    }

    [Theory]
    [InlineData("noreply@x.example")]
    [InlineData("no-reply@x.example")]
    [InlineData("mailer-daemon@x.example")]
    [InlineData("notifications@github.example")]
    [InlineData("newsletter@shop.example")]
    [InlineData("syzbot+6ab1f2@syzkaller.appspotmail.com")]
    [InlineData("dependabot[bot]@users.example")]
    [InlineData("kernel-test-robot@lists.example")]
    [InlineData("bugzilla-daemon@kernel.org")]
    public void Extract_WhenSenderIsRoleAddress_EmitsNothing(string sender)
    {
        var box = new MailboxBuilder();
        box.Message(T0, sender, [Owner]);
        Assert.Empty(Extract(box).Interactions);
    }

    [Theory]
    [InlineData("abbott@x.example")]
    [InlineData("robin.bottom@x.example")]
    [InlineData("newsome@x.example")]
    public void Extract_PeopleWhoseNamesContainRoleWords_AreStillPeople(string sender)
    {
        var box = new MailboxBuilder();
        box.Message(T0, sender, [Owner]);
        Assert.Single(Extract(box).Interactions);
    }

    [Fact]
    public void Extract_WhenMessageCarriesCalendar_LeavesItToTheCalendarStream()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], tweak: m => m with { CarriesCalendar = true });
        Assert.Empty(Extract(box).Interactions);
    }

    [Fact]
    public void Extract_WhenMessageIsDraft_IsIgnored()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["a@x.example"], tweak: m => m with { IsDraft = true });
        Assert.Empty(Extract(box).Interactions);
    }

    [Fact]
    public void Extract_WhenUserExcludesAPersonOrADomain_TheyNeverBecomeContacts()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["boss@x.example", "friend@y.example", "z@keep.example"]);
        var n = Extract(box, new ExtractionOptions { ExcludedAddresses = ["Boss@X.example"], ExcludedDomains = ["y.example"] });
        Assert.Equal(["z@keep.example"], n.Contacts);
    }

    [Fact]
    public void Extract_OwnerAliasesComeFromSentItems()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "me.alias@corp.example", ["a@x.example"], tweak: m => m with { InSentFolder = true });
        box.Message(T0.AddHours(1), "a@x.example", ["me.alias@corp.example"]);
        var n = Extract(box);
        Assert.Contains("me.alias@corp.example", n.OwnerAddresses);
        Assert.Equal([Direction.Out, Direction.In], For(n, "a@x.example").Select(i => i.Direction));
    }

    [Fact]
    public void Extract_AddressesAreCaseInsensitiveAndPlusTagsStripped()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["Ann+work@X.example"]);
        box.Message(T0.AddHours(1), "ann@x.example", [Owner]);
        Assert.Equal(["ann@x.example"], Extract(box).Contacts);
    }

    [Fact]
    public void Extract_ReplyWithinWindow_RecordsLatencyAndMarksTheParentAnswered()
    {
        var box = new MailboxBuilder();
        var question = box.Message(T0, "a@x.example", [Owner]);
        box.Message(T0.AddHours(5), Owner, ["a@x.example"], replyTo: question);
        var n = For(Extract(box), "a@x.example");
        Assert.Equal(TimeSpan.FromHours(5), n[0].AnsweredAfter);
        Assert.True(n[1].IsReply);
        Assert.Equal(TimeSpan.FromHours(5), n[1].Latency);
        Assert.True(n[0].Initiation);
        Assert.False(n[1].Initiation);
    }

    [Fact]
    public void Extract_ReplyAfter14Days_IsNotAReply()
    {
        var box = new MailboxBuilder();
        var question = box.Message(T0, "a@x.example", [Owner]);
        box.Message(T0.AddDays(15), Owner, ["a@x.example"], replyTo: question);
        var n = For(Extract(box), "a@x.example");
        Assert.False(n[1].IsReply);
        Assert.Null(n[0].AnsweredAfter);
    }

    [Fact]
    public void Extract_ReplyToAMessageTheReplierDidNotReceive_IsNotAReply()
    {
        var box = new MailboxBuilder();
        var other = box.Message(T0, "a@x.example", ["b@x.example", Owner]);
        // c was not a recipient of a's message: c's answer is joining, not replying.
        box.Message(T0.AddHours(1), "c@x.example", [Owner], replyTo: other);
        Assert.False(For(Extract(box), "c@x.example").Single().IsReply);
    }

    [Fact]
    public void Extract_MessageWhoseParentIsUnseen_IsJoinedNotInitiated()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], tweak: m => m with { InReplyTo = "missing@test", References = ["missing@test"] });
        Assert.False(Extract(box).Interactions.Single().Initiation);
    }

    [Fact]
    public void Extract_WithoutThreadHeaders_AReSubjectFindsItsParentBySubject()
    {
        var box = new MailboxBuilder();
        box.Message(T0, "a@x.example", [Owner], subject: "Budget 2025");
        box.Message(T0.AddHours(3), Owner, ["a@x.example"], subject: "RE: Budget 2025");
        box.Message(T0.AddDays(20), "a@x.example", [Owner], subject: "Re: budget 2025"); // too late to be a reply
        var n = For(Extract(box), "a@x.example");
        Assert.True(n[0].Initiation);
        Assert.Equal(TimeSpan.FromHours(3), n[0].AnsweredAfter);
        Assert.True(n[1].IsReply);
        Assert.False(n[1].Initiation);
        Assert.Equal(n[0].Thread, n[1].Thread);
        Assert.False(n[2].IsReply);
        Assert.False(n[2].Initiation); // a "Re:" whose parent is not in the mailbox joined a thread
    }

    [Fact]
    public void Extract_ThreadsFollowReferencesToTheRoot()
    {
        var box = new MailboxBuilder();
        var root = box.Message(T0, "a@x.example", [Owner]);
        var r1 = box.Message(T0.AddHours(1), Owner, ["a@x.example"], replyTo: root);
        box.Message(T0.AddHours(2), "a@x.example", [Owner], replyTo: r1);
        box.Message(T0.AddHours(3), "a@x.example", [Owner]);
        var threads = Extract(box).Interactions.Select(i => i.Thread).ToList();
        Assert.Equal(threads[0], threads[1]);
        Assert.Equal(threads[0], threads[2]);
        Assert.NotEqual(threads[0], threads[3]);
    }

    [Fact]
    public void Extract_InternalIsTheOwnersDomainUnlessConfigured()
    {
        var box = new MailboxBuilder();
        box.Message(T0, Owner, ["colleague@corp.example", "client@other.example"]);
        var n = Extract(box);
        Assert.True(For(n, "colleague@corp.example").Single().Internal);
        Assert.False(For(n, "client@other.example").Single().Internal);
        var configured = Extract(box, new ExtractionOptions { InternalDomains = ["other.example"] });
        Assert.True(For(configured, "client@other.example").Single().Internal);
    }

    [Fact]
    public void Extract_MeetingExposure_CountsAcceptedAttendeesWithAttentionHours()
    {
        var box = new MailboxBuilder();
        box.Meeting(T0, 2, Owner, ("a@x.example", AttendeeResponse.Accepted), ("b@x.example", AttendeeResponse.Declined), ("c@x.example", AttendeeResponse.Tentative));
        var n = Extract(box);
        var a = For(n, "a@x.example").Single();
        Assert.Equal(Channel.Meeting, a.Channel);
        Assert.Equal(Direction.Out, a.Direction);
        Assert.Equal(2.0 / 3, a.AttentionHours, 6); // 4 invitees: 2 h / (4 - 1)
        Assert.True(a.Meaningful);
        Assert.Empty(For(n, "b@x.example")); // declined
        Assert.Single(For(n, "c@x.example"));
    }

    [Fact]
    public void Extract_MeetingTheOwnerDeclined_IsNoExposureButCountsAsAnInvitation()
    {
        var box = new MailboxBuilder();
        box.Meeting(T0, 1, "a@x.example", (Owner, AttendeeResponse.Declined), ("b@x.example", AttendeeResponse.Accepted));
        var n = Extract(box);
        Assert.Empty(n.Interactions);
        var invitation = Assert.Single(n.Invitations);
        Assert.False(invitation.Accepted);
        Assert.True(invitation.Responded);
    }

    [Fact]
    public void Extract_CancelledAndAllDayEvents_AreDropped()
    {
        var box = new MailboxBuilder();
        box.Meeting(T0, 1, Owner, ("a@x.example", AttendeeResponse.Accepted));
        var n = new InteractionExtractor(new ExtractionOptions()).Extract(Account(), [], [
            box.Calendar[0] with { Cancelled = true },
            box.Calendar[0] with { Uid = "x", AllDay = true },
        ]);
        Assert.Empty(n.Interactions);
    }

    [Fact]
    public void Extract_MeetingOfNineIsNotMeaningful()
    {
        var box = new MailboxBuilder();
        box.Meeting(T0, 1, Owner, Enumerable.Range(0, 8).Select(i => ($"p{i}@x.example", AttendeeResponse.Accepted)).ToArray());
        Assert.All(Extract(box).Interactions, i => Assert.False(i.Meaningful));
    }
}
