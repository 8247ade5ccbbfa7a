using static InboxNetworking.Worker.Demo.DemoPeople;

namespace InboxNetworking.Worker.Demo;

/// <summary>A deterministic synthetic mailbox: fourteen months ending with the last complete month,
/// 60+ contacts whose stories the report should recognise (see DemoPeople).</summary>
internal sealed class DemoMailbox
{
    public const int Months = 14;

    private static readonly string[] Topics =
    [
        "Q3 roadmap", "contract renewal", "migration plan", "budget review", "hiring loop", "customer workshop", "API design",
        "security review", "launch checklist", "pricing proposal", "incident follow-up", "partnership terms", "data platform",
    ];

    private readonly Random _random = new(20240501);
    private readonly DemoWriter _writer = new("demo.northwind.example");
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;

    private DemoMailbox(DateTimeOffset now)
    {
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        _end = thisMonth;
        _start = thisMonth.AddMonths(-Months);
    }

    /// <summary>The last complete month: the one the demo reports on.</summary>
    public static string ReportMonth(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the mailbox into <paramref name="folder"/>; returns the files and the message count.</summary>
    public static (IReadOnlyList<string> Files, int Messages) Write(string folder, DateTimeOffset now)
    {
        var demo = new DemoMailbox(now);
        demo.CoreCollaborators();
        demo.StrongTies();
        demo.ConvertingContacts();
        demo.CoolingTies();
        demo.Introductions();
        demo.ColdInbound();
        demo.Newsletters();
        demo.MailingList();
        demo.WeakTies();
        demo.AllHandsAndConference();
        demo.UnansweredAtTheEnd();
        return (demo._writer.WriteTo(folder), demo._writer.MessageCount);
    }

    private int Weeks => (int)((_end - _start).TotalDays / 7);

    private DateTimeOffset Week(int w, int weekday, int hour) =>
        _start.AddDays(w * 7 + weekday).AddHours(hour).AddMinutes(_random.Next(0, 50));

    private DateTimeOffset MonthStart(int m) => _start.AddMonths(m);

    private string Topic() => Topics[_random.Next(Topics.Length)];

    /// <summary>A thread between the owner and <paramref name="other"/>: alternating, each answer after ~latency.</summary>
    private DateTimeOffset Conversation(DateTimeOffset at, Person other, bool ownerStarts, int messages, double latencyHours,
        IReadOnlyList<Person>? cc = null, bool attachments = false, string? subject = null)
    {
        subject ??= Topic();
        (string, IReadOnlyList<string>)? parent = null;
        var references = new List<string>();
        var fromOwner = ownerStarts;
        for (var i = 0; i < messages && at < _end; i++)
        {
            var from = fromOwner ? Owner : other;
            var to = fromOwner ? other : Owner;
            var id = _writer.Mail(at, from, [to], i == 0 ? subject : "Re: " + subject,
                new MailExtras { Parent = parent, Cc = cc ?? [], Attachment = attachments && i < 2 });
            parent = (id, references.ToList());
            references.Add(id);
            fromOwner = !fromOwner;
            at = at.AddHours(latencyHours * (0.5 + _random.NextDouble()));
        }
        return at;
    }

    private void CoreCollaborators()
    {
        for (var w = 0; w < Weeks; w++)
        {
            for (var k = 0; k < Colleagues.Length; k++)
            {
                if (_random.NextDouble() < 0.2)
                    continue;
                var cc = _random.NextDouble() < 0.25 ? new[] { Colleagues[(k + 1) % Colleagues.Length] } : null;
                Conversation(Week(w, (k + w) % 5, 9 + k), Colleagues[k], _random.NextDouble() < 0.5, 2 + _random.Next(3), 1 + k,
                    cc, attachments: _random.NextDouble() < 0.12);
            }
        }
        // Recurring 1:1s (owner organises) and the team's weekly sync (a recurring group meeting).
        var until = DemoWriter.Ics(_end);
        _writer.CalendarEvent(DemoWriter.VEvent("demo-1on1-priya", 0, _start.AddDays(1).AddHours(10), TimeSpan.FromMinutes(30), "1:1 Priya / Alex", Owner,
            [(Owner, "ACCEPTED"), (Colleagues[0], "ACCEPTED")], $"FREQ=WEEKLY;UNTIL={until}"));
        _writer.CalendarEvent(DemoWriter.VEvent("demo-1on1-tom", 0, _start.AddDays(2).AddHours(11), TimeSpan.FromMinutes(30), "1:1 Tom / Alex", Owner,
            [(Owner, "ACCEPTED"), (Colleagues[1], "ACCEPTED")], $"FREQ=WEEKLY;UNTIL={until}"));
        _writer.CalendarEvent(DemoWriter.VEvent("demo-1on1-lena", 0, _start.AddDays(3).AddHours(14), TimeSpan.FromMinutes(45), "1:1 Lena / Alex", Owner,
            [(Owner, "ACCEPTED"), (Colleagues[2], "ACCEPTED")], $"FREQ=WEEKLY;INTERVAL=2;UNTIL={until}"));
        _writer.CalendarEvent(DemoWriter.VEvent("demo-team-sync", 0, _start.AddDays(0).AddHours(9), TimeSpan.FromHours(1), "Team sync", Colleagues[0],
            Colleagues.Select(p => (p, "ACCEPTED")).Append((Owner, "ACCEPTED")), $"FREQ=WEEKLY;UNTIL={until}"));
    }

    private void StrongTies()
    {
        for (var w = 0; w < Weeks; w++)
        {
            for (var k = 0; k < Strong.Length; k++)
            {
                if (_random.NextDouble() > 0.55)
                    continue;
                var at = Week(w, _random.Next(5), 8 + _random.Next(9));
                // One client is away for a month: the owner's mail gets an out-of-office answer.
                if (k == 2 && w / 4 == 6)
                {
                    _writer.Mail(at, Owner, [Strong[k]], Topic());
                    _writer.Mail(at.AddMinutes(1), Strong[k], [Owner], "Automatic reply: " + Topic(),
                        new MailExtras { Headers = [("Auto-Submitted", "auto-replied")] });
                    continue;
                }
                Conversation(at, Strong[k], _random.NextDouble() < 0.5, 2 + _random.Next(2), 4 + 3 * k, attachments: _random.NextDouble() < 0.1);
            }
        }
        // Each client invites the owner to a monthly review; the owner answers (mostly yes).
        for (var m = 1; m < Months; m++)
        {
            var organizer = Strong[m % Strong.Length];
            var start = MonthStart(m).AddDays(10 + m % 7).AddHours(15);
            var uid = $"demo-review-{m}";
            var accept = m % 5 != 0;
            var request = DemoWriter.VCalendar("REQUEST", [DemoWriter.VEvent(uid, 0, start, TimeSpan.FromHours(1), "Monthly review", organizer,
                [(Owner, "NEEDS-ACTION"), (organizer, "ACCEPTED")])]);
            _writer.Mail(start.AddDays(-5), organizer, [Owner], "Invitation: Monthly review", new MailExtras { Calendar = request });
            var reply = DemoWriter.VCalendar("REPLY", [DemoWriter.VEvent(uid, 0, start, TimeSpan.FromHours(1), "Monthly review", organizer,
                [(Owner, accept ? "ACCEPTED" : "DECLINED")])]);
            _writer.Mail(start.AddDays(-4), Owner, [organizer], (accept ? "Accepted" : "Declined") + ": Monthly review",
                new MailExtras { Calendar = reply, CalendarMethod = "REPLY" });
        }
        // A meeting that was called off: the CANCEL follows the REQUEST.
        var cancelled = MonthStart(Months - 3).AddDays(12).AddHours(10);
        var invite = DemoWriter.VEvent("demo-cancelled", 0, cancelled, TimeSpan.FromHours(1), "Planning", Strong[0], [(Owner, "NEEDS-ACTION"), (Strong[0], "ACCEPTED")]);
        _writer.Mail(cancelled.AddDays(-6), Strong[0], [Owner], "Invitation: Planning", new MailExtras { Calendar = DemoWriter.VCalendar("REQUEST", [invite]) });
        var cancel = DemoWriter.VEvent("demo-cancelled", 1, cancelled, TimeSpan.FromHours(1), "Planning", Strong[0], [(Owner, "NEEDS-ACTION")], status: "CANCELLED");
        _writer.Mail(cancelled.AddDays(-2), Strong[0], [Owner], "Canceled: Planning", new MailExtras { Calendar = DemoWriter.VCalendar("CANCEL", [cancel]), CalendarMethod = "CANCEL" });
    }

    private void ConvertingContacts()
    {
        for (var i = 0; i < Converting.Length; i++)
        {
            var person = Converting[i];
            var at = MonthStart(3 + i).AddDays(3 + i).AddHours(10);
            at = Conversation(at, person, ownerStarts: i % 2 == 1, 3, 6, subject: "Introduction and a question");
            at = Conversation(at.AddDays(6), person, ownerStarts: true, 2, 8);
            // The owner proposes a meeting by invitation; the contact accepts by iMIP REPLY.
            var meetings = i < 2 ? 3 : 1;
            for (var n = 0; n < meetings; n++)
            {
                var start = at.AddDays(10 + 21 * n).Date.AddHours(13);
                var meetingStart = new DateTimeOffset(start, TimeSpan.Zero);
                if (meetingStart >= _end)
                    break;
                var uid = $"demo-meet-{i}-{n}";
                var attendees = new[] { (Owner, "ACCEPTED"), (person, "NEEDS-ACTION") };
                _writer.Mail(meetingStart.AddDays(-7), Owner, [person], "Invitation: Coffee chat",
                    new MailExtras { Calendar = DemoWriter.VCalendar("REQUEST", [DemoWriter.VEvent(uid, 0, meetingStart, TimeSpan.FromMinutes(45), "Coffee chat", Owner, attendees)]) });
                _writer.Mail(meetingStart.AddDays(-6), person, [Owner], "Accepted: Coffee chat",
                    new MailExtras { CalendarMethod = "REPLY", Calendar = DemoWriter.VCalendar("REPLY", [DemoWriter.VEvent(uid, 0, meetingStart, TimeSpan.FromMinutes(45), "Coffee chat", Owner, [(person, "ACCEPTED")])]) });
                // The owner's own calendar export holds the same meeting: it must count once.
                _writer.CalendarEvent(DemoWriter.VEvent(uid, 0, meetingStart, TimeSpan.FromMinutes(45), "Coffee chat", Owner, [(Owner, "ACCEPTED"), (person, "ACCEPTED")]));
            }
            for (var t = at.AddDays(14); t < _end; t = t.AddDays(12 + _random.Next(8)))
                Conversation(t, person, _random.NextDouble() < 0.5, 2, 10);
        }
    }

    private void CoolingTies()
    {
        for (var k = 0; k < Cooling.Length; k++)
        {
            for (var w = 0; w < 26; w++)
            {
                if (_random.NextDouble() < 0.7)
                    Conversation(Week(w, (w + k) % 5, 10 + k), Cooling[k], _random.NextDouble() < 0.5, 2 + _random.Next(2), 5);
            }
            _writer.Mail(MonthStart(10).AddDays(k + 2).AddHours(9), Cooling[k], [Owner], "Long time no see");
        }
    }

    private void Introductions()
    {
        for (var i = 0; i < Introduced.Length; i++)
        {
            var introducer = Colleagues[i];
            var newcomer = Introduced[i];
            var at = MonthStart(4 + 2 * i).AddDays(5).AddHours(11);
            var intro = _writer.Mail(at, introducer, [Owner, newcomer], $"Intro: {newcomer.Name} <> {Owner.Name}");
            var reply = _writer.Mail(at.AddHours(3), newcomer, [Owner], $"Re: Intro: {newcomer.Name} <> {Owner.Name}",
                new MailExtras { Cc = [introducer], Parent = (intro, []) });
            _writer.Mail(at.AddHours(6), Owner, [newcomer], $"Re: Intro: {newcomer.Name} <> {Owner.Name}",
                new MailExtras { Parent = (reply, [intro]) });
            for (var t = at.AddDays(9); t < _end; t = t.AddDays(10 + _random.Next(10)))
                Conversation(t, newcomer, _random.NextDouble() < 0.5, 2 + _random.Next(2), 7);
        }
    }

    private void ColdInbound()
    {
        foreach (var rep in Vendors)
        {
            var first = MonthStart(_random.Next(Months)).AddDays(_random.Next(25)).AddHours(9);
            for (var n = 0; n < 1 + _random.Next(3); n++)
                _writer.Mail(first.AddDays(9 * n), rep, [Owner], n == 0 ? "Quick question about your tooling" : "Following up");
        }
    }

    private void Newsletters()
    {
        for (var w = 0; w < Weeks; w++)
        {
            foreach (var sender in DemoPeople.Newsletters)
            {
                _writer.Mail(Week(w, 1, 7), sender, [Owner], $"{sender.Name}: issue {w + 1}",
                    new MailExtras { Headers = [("List-Unsubscribe", $"<mailto:{sender.Address}?subject=unsubscribe>"), ("Precedence", "bulk")] });
            }
            _writer.Mail(Week(w, 2, 3), Notifications, [Owner], "Build succeeded");
        }
    }

    private void MailingList()
    {
        var headers = new[] { ("List-Id", DemoPeople.ListId), ("List-Post", $"<mailto:{List.Address}>") };
        for (var w = 0; w < Weeks; w++)
        {
            for (var p = 0; p < 2 + _random.Next(3); p++)
            {
                var member = ListMembers[_random.Next(ListMembers.Length)];
                _writer.Mail(Week(w, _random.Next(5), 12), member, [List], "[arch] " + Topic(), new MailExtras { Headers = headers });
            }
            if (w % 4 == 2)
                _writer.Mail(Week(w, 3, 16), Owner, [List], "[arch] Proposal: " + Topic(), new MailExtras { Headers = headers });
        }
    }

    private void WeakTies()
    {
        foreach (var person in Weak)
        {
            for (var n = 0; n < 1 + _random.Next(2); n++)
            {
                var at = MonthStart(_random.Next(Months)).AddDays(_random.Next(25)).AddHours(10);
                Conversation(at, person, _random.NextDouble() < 0.5, 2, 30);
            }
        }
    }

    private void AllHandsAndConference()
    {
        var attendees = AllHands.Concat(Colleagues).Select(p => (p, "ACCEPTED")).Append((Owner, "ACCEPTED"));
        _writer.CalendarEvent(DemoWriter.VEvent("demo-all-hands", 0, _start.AddDays(8).AddHours(16), TimeSpan.FromHours(1), "All-hands", Ceo,
            attendees, $"FREQ=MONTHLY;BYDAY=2TU;UNTIL={DemoWriter.Ics(_end)}"));

        // An external conference: 60 invitees; afterwards the owner writes to two people met there.
        var organizer = new Person("Events Hub", "events@eventshub.example");
        var start = MonthStart(Months - 4).AddDays(14).AddHours(9);
        var crowd = Weak.Concat(AllHands.Take(20)).Concat(Enumerable.Range(1, 25).Select(i => new Person($"Attendee {i}", $"attendee{i}@conference.example")));
        var invite = DemoWriter.VEvent("demo-conference", 0, start, TimeSpan.FromHours(8), "Industry summit", organizer,
            crowd.Select(p => (p, "ACCEPTED")).Append((Owner, "NEEDS-ACTION")));
        _writer.Mail(start.AddDays(-20), organizer, [Owner], "Invitation: Industry summit", new MailExtras { Calendar = DemoWriter.VCalendar("REQUEST", [invite]) });
        var accept = DemoWriter.VEvent("demo-conference", 0, start, TimeSpan.FromHours(8), "Industry summit", organizer, [(Owner, "ACCEPTED")]);
        _writer.Mail(start.AddDays(-19), Owner, [organizer], "Accepted: Industry summit", new MailExtras { Calendar = DemoWriter.VCalendar("REPLY", [accept]), CalendarMethod = "REPLY" });
        Conversation(start.AddDays(2), Weak[0], ownerStarts: true, 2, 20, subject: "Great to meet you at the summit");
        Conversation(start.AddDays(3), Weak[1], ownerStarts: true, 2, 20, subject: "Following up from the summit");
    }

    /// <summary>Two close ties write late in the last month and wait for an answer: the owed replies.</summary>
    private void UnansweredAtTheEnd()
    {
        _writer.Mail(_end.AddDays(-6).AddHours(9), Colleagues[3], [Owner], "Can you review the draft by Friday?");
        _writer.Mail(_end.AddDays(-4).AddHours(14), Strong[1], [Owner], "Question about next quarter");
    }
}
