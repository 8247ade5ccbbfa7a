using InboxNetworking.Core.Domain;
using InboxNetworking.Files;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Files;

/// <summary>iCalendar files and iMIP parts: METHOD, SEQUENCE, RECURRENCE-ID and bounded recurrence expansion.</summary>
public sealed class CalendarTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FileSources _files = new(new FilesOptions { RecurrenceWindowMonthsAhead = 1 }, new FakeTimeProvider(Now));

    public void Dispose() => _dir.Dispose();

    private static string Cal(string method, string body) =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nMETHOD:{method}\r\n{body}END:VCALENDAR\r\n";

    private async Task<IReadOnlyList<CalendarChange>> Read(string text)
    {
        var path = _dir.File(Guid.NewGuid().ToString("N") + ".ics");
        await File.WriteAllTextAsync(path, text);
        var batches = await FileSourcesTests.ReadAll(Assert.Single(_files.Discover(path)));
        Assert.Empty(batches.SelectMany(b => b.Quarantined));
        return batches.SelectMany(b => b.Calendar).ToList();
    }

    [Fact]
    public async Task Request_WithAttendees_BecomesAnUpsertWithResponsesAndWithoutRooms()
    {
        var changes = await Read(Cal("REQUEST", "BEGIN:VEVENT\r\nUID:u1\r\nSEQUENCE:2\r\nDTSTART:20250106T100000Z\r\nDTEND:20250106T110000Z\r\n" +
            "ORGANIZER;CN=Ann:mailto:ann@x.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@x.example\r\nATTENDEE;PARTSTAT=DECLINED:mailto:cy@x.example\r\n" +
            "ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:room1@x.example\r\nATTENDEE;ROLE=OPT-PARTICIPANT:mailto:dee@x.example\r\nEND:VEVENT\r\n"));
        var upsert = Assert.IsType<CalendarUpsert>(Assert.Single(changes));
        Assert.Equal(2, upsert.Sequence);
        var item = Assert.Single(upsert.Occurrences);
        Assert.Equal("ann@x.example", item.Organizer!.Address);
        Assert.Equal(["bob@x.example", "cy@x.example", "dee@x.example"], item.Attendees.Select(a => a.Address));
        Assert.Equal([AttendeeResponse.Accepted, AttendeeResponse.Declined, AttendeeResponse.NeedsAction], item.Attendees.Select(a => a.Response));
        Assert.True(item.Attendees[2].Optional);
        Assert.Equal(TimeSpan.FromHours(1), item.End - item.Start);
    }

    [Fact]
    public async Task WeeklyRule_IsExpandedUpToTheWindowAndOverridesReplaceTheirOccurrence()
    {
        var changes = await Read(Cal("PUBLISH",
            "BEGIN:VEVENT\r\nUID:s1\r\nDTSTART:20250303T100000Z\r\nDTEND:20250303T103000Z\r\nRRULE:FREQ=WEEKLY\r\nEXDATE:20250317T100000Z\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID:20250310T100000Z\r\nDTSTART:20250311T150000Z\r\nDTEND:20250311T153000Z\r\nEND:VEVENT\r\n"));
        var upsert = Assert.IsType<CalendarUpsert>(Assert.Single(changes));
        Assert.True(upsert.WholeSeries);
        // Mondays from Mar 3 to the window's end (Jul 1), less the EXDATE: 18 weeks - 1.
        Assert.Equal(17, upsert.Occurrences.Count);
        Assert.All(upsert.Occurrences, o => Assert.True(o.Recurring));
        var moved = upsert.Occurrences.Single(o => o.InstanceStart == new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 15, 0, 0, TimeSpan.Zero), moved.Start);
        Assert.True(moved.IsOverride);
        Assert.DoesNotContain(upsert.Occurrences, o => o.Start == new DateTimeOffset(2025, 3, 17, 10, 0, 0, TimeSpan.Zero));
        Assert.True(upsert.Occurrences.Max(o => o.Start) < Now.AddMonths(1));
    }

    [Fact]
    public async Task Cancel_AndReply_AreRecognised()
    {
        var cancel = await Read(Cal("CANCEL", "BEGIN:VEVENT\r\nUID:u1\r\nSEQUENCE:3\r\nDTSTART:20250106T100000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"));
        Assert.Equal(new CalendarCancel("u1", 3, null), Assert.Single(cancel));
        var reply = await Read(Cal("REPLY", "BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20250106T100000Z\r\nATTENDEE;PARTSTAT=TENTATIVE:mailto:Bob@x.example\r\nEND:VEVENT\r\n"));
        var r = Assert.IsType<CalendarReply>(Assert.Single(reply));
        Assert.Equal(("Bob@x.example", AttendeeResponse.Tentative), (r.AttendeeAddress, r.Response));
    }

    [Fact]
    public async Task TimeZonedEvent_IsConvertedToUtc()
    {
        var changes = await Read(Cal("PUBLISH", "BEGIN:VEVENT\r\nUID:tz\r\nDTSTART;TZID=Europe/Berlin:20250106T100000\r\nDTEND;TZID=Europe/Berlin:20250106T110000\r\nEND:VEVENT\r\n"));
        var item = ((CalendarUpsert)changes.Single()).Occurrences.Single();
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero), item.Start);
    }

    [Fact]
    public async Task BrokenCalendar_IsQuarantinedWithAReason()
    {
        var path = _dir.File("broken.ics");
        await File.WriteAllTextAsync(path, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:not-a-date\r\n");
        var batches = await FileSourcesTests.ReadAll(Assert.Single(_files.Discover(path)));
        var q = Assert.Single(batches.SelectMany(b => b.Quarantined));
        Assert.False(string.IsNullOrWhiteSpace(q.Reason));
    }

    [Fact]
    public async Task InviteInsideAMessage_BecomesACalendarChangeAndMarksTheMessage()
    {
        var path = _dir.File("invite.eml");
        var ics = Cal("REQUEST", "BEGIN:VEVENT\r\nUID:inv1\r\nDTSTART:20250106T100000Z\r\nDTEND:20250106T110000Z\r\nORGANIZER:mailto:ann@x.example\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@corp.example\r\nEND:VEVENT\r\n");
        await File.WriteAllTextAsync(path, FileSourcesTests.Eml("ann@x.example", "me@corp.example", "inv@x",
            extra: "MIME-Version: 1.0\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n", body: ics));
        var batch = (await FileSourcesTests.ReadAll(Assert.Single(_files.Discover(path)))).Single();
        Assert.True(batch.Mail.Single().CarriesCalendar);
        Assert.Equal("inv1", Assert.IsType<CalendarUpsert>(Assert.Single(batch.Calendar)).Uid);
    }
}
