using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using InboxNetworking.Core.Domain;
using IcalCalendar = Ical.Net.Calendar;

namespace InboxNetworking.Files.Calendar;

/// <summary>Parses iCalendar text (a file or an iMIP part) into calendar changes, honouring METHOD,
/// with recurrences expanded by Ical.Net over a bounded window.</summary>
internal sealed class IcsReader(FilesOptions options, TimeProvider time)
{
    /// <summary>The changes the text makes, or why it could not be read.</summary>
    public (IReadOnlyList<CalendarChange> Changes, string? Error) Read(string text)
    {
        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ([], "unreadable iCalendar: " + OneLine(e.Message));
        }
        if (calendar is null)
            return ([], "no VCALENDAR object found");
        try
        {
            return (Changes(calendar), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ([], "iCalendar with invalid values: " + OneLine(e.Message));
        }
    }

    private List<CalendarChange> Changes(IcalCalendar calendar)
    {
        var method = calendar.Method?.Trim().ToUpperInvariant() ?? "PUBLISH";
        var changes = new List<CalendarChange>();
        foreach (var group in calendar.Events.Where(e => !string.IsNullOrWhiteSpace(e.Uid)).GroupBy(e => e.Uid!))
        {
            var events = group.ToList();
            var sequence = events.Max(e => e.Sequence);
            switch (method)
            {
                case "CANCEL":
                    changes.AddRange(events.Select(e => new CalendarCancel(group.Key, e.Sequence, RecurrenceIdOf(e))));
                    break;
                case "REPLY":
                    changes.AddRange(Replies(group.Key, events));
                    break;
                case "PUBLISH" or "REQUEST" or "ADD":
                    var wholeSeries = events.Any(e => e.RecurrenceIdentifier is null);
                    changes.Add(new CalendarUpsert(group.Key, sequence, wholeSeries, Occurrences(events)));
                    break;
                default:
                    break; // COUNTER, REFRESH, DECLINECOUNTER: proposals, not facts
            }
        }
        return changes;
    }

    private static IEnumerable<CalendarChange> Replies(string uid, List<CalendarEvent> events)
    {
        foreach (var e in events)
        {
            foreach (var a in e.Attendees)
            {
                if (Address(a.Value) is { } address)
                    yield return new CalendarReply(uid, e.Sequence, RecurrenceIdOf(e), address, Response(a.ParticipationStatus));
            }
        }
    }

    /// <summary>Every occurrence of the UID's master and overrides up to the window's end.</summary>
    private List<CalendarItem> Occurrences(List<CalendarEvent> events)
    {
        var windowEnd = time.GetUtcNow().UtcDateTime.AddMonths(options.RecurrenceWindowMonthsAhead);
        var items = new List<CalendarItem>();
        var master = events.FirstOrDefault(e => e.RecurrenceIdentifier is null);
        var recurring = master is not null && (master.RecurrenceRule is not null || master.RecurrenceDates.GetAllPeriods().Any());
        if (master is not null && recurring)
        {
            // Ical.Net 5 enumerates lazily and without end: always bound it.
            var single = new IcalCalendar();
            foreach (var e in events)
                single.Events.Add(e);
            var occurrences = single.GetOccurrences<CalendarEvent>(null, new EvaluationOptions { MaxUnmatchedIncrementsLimit = 1000 })
                .TakeWhile(o => o.Period.StartTime.AsUtc < windowEnd)
                .Take(options.MaxOccurrencesPerSeries);
            foreach (var o in occurrences)
            {
                var source = (CalendarEvent)o.Source;
                var start = Utc(o.Period.StartTime);
                var end = o.Period.EndTime is { } pe ? Utc(pe) : start + (source.EffectiveDuration is { } d ? d.ToTimeSpanUnspecified() : TimeSpan.Zero);
                items.Add(ItemOf(source, RecurrenceIdOf(source) ?? start, start, end, recurring: true));
            }
        }
        else
        {
            foreach (var e in events.Where(e => e.DtStart is not null))
            {
                var start = Utc(e.DtStart!);
                var end = e.DtEnd is { } de ? Utc(de) : start + (e.Duration is { } d ? d.ToTimeSpanUnspecified() : TimeSpan.Zero);
                items.Add(ItemOf(e, RecurrenceIdOf(e) ?? start, start, end, recurring: e.RecurrenceIdentifier is not null));
            }
        }
        return items;
    }

    private static CalendarItem ItemOf(CalendarEvent e, DateTimeOffset instance, DateTimeOffset start, DateTimeOffset end, bool recurring) => new()
    {
        Uid = e.Uid!,
        InstanceStart = instance,
        Sequence = e.Sequence,
        Start = start,
        End = end < start ? start : end,
        AllDay = e.IsAllDay,
        Cancelled = string.Equals(e.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase),
        Recurring = recurring,
        IsOverride = e.RecurrenceIdentifier is not null,
        Organizer = Address(e.Organizer?.Value) is { } o ? new Participant(o, e.Organizer!.CommonName) : null,
        Attendees = e.Attendees
            .Where(a => !IsResource(a))
            .Select(a => (Address: Address(a.Value), a))
            .Where(x => x.Address is not null)
            .Select(x => new Core.Domain.Attendee(x.Address!, x.a.CommonName, Response(x.a.ParticipationStatus), string.Equals(x.a.Role, "OPT-PARTICIPANT", StringComparison.OrdinalIgnoreCase)))
            .ToList(),
        Summary = e.Summary,
    };

    /// <summary>Rooms and resources are not people (CUTYPE, RFC 5545 3.2.3).</summary>
    private static bool IsResource(Ical.Net.DataTypes.Attendee a) =>
        a.Type?.ToUpperInvariant() is "ROOM" or "RESOURCE";

    private static AttendeeResponse Response(string? partstat) => partstat?.ToUpperInvariant() switch
    {
        "ACCEPTED" => AttendeeResponse.Accepted,
        "TENTATIVE" => AttendeeResponse.Tentative,
        "DECLINED" => AttendeeResponse.Declined,
        _ => AttendeeResponse.NeedsAction,
    };

    private static string? Address(Uri? uri)
    {
        if (uri is null)
            return null;
        var s = uri.OriginalString;
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            s = s[7..];
        s = Uri.UnescapeDataString(s).Trim();
        return s.Contains('@', StringComparison.Ordinal) ? s : null;
    }

    private static DateTimeOffset? RecurrenceIdOf(CalendarEvent e) =>
        e.RecurrenceIdentifier?.StartTime is { } r ? Utc(r) : null;

    private static DateTimeOffset Utc(CalDateTime t) => new(DateTime.SpecifyKind(t.AsUtc, DateTimeKind.Utc));

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
