using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using InboxNetworking.Core.Domain;
using Ical.Net;
using IcalCalendar = Ical.Net.Calendar;

namespace InboxNetworking.Files.Calendar;

/// <summary>Parses iCalendar text (a file or an iMIP part) into calendar changes, honouring METHOD,
/// with recurrences expanded by Ical.Net over a bounded window.</summary>
internal sealed partial class IcsReader(FilesOptions options, TimeProvider time)
{
    /// <summary>The changes the text makes, or why it could not be read.</summary>
    public (IReadOnlyList<CalendarChange> Changes, string? Error) Read(string text)
    {
        TimeZoneFallback.Install();
        var problems = new List<string>();
        var calendars = Load(text, problems);
        if (calendars is null)
            return ([], "unreadable iCalendar: " + problems[^1].Replace("skipped ", "", StringComparison.Ordinal));
        if (calendars.Count == 0)
            return ([], "no VCALENDAR object found");
        var changes = new List<CalendarChange>();
        foreach (var calendar in calendars)
            Changes(calendar, changes, problems);
        return (changes, problems.Count == 0 ? null : $"partly read ({changes.Count} change(s) kept), {problems.Count} problem(s): " + string.Join("; ", problems.Distinct().Take(3)));
    }

    /// <summary>Parses the text; a line the parser rejects is dropped (and recorded) and the rest read again,
    /// so one producer's odd property does not cost the whole calendar.</summary>
    private static CalendarCollection? Load(string text, List<string> problems)
    {
        for (var attempt = 0; attempt <= MaxSkippedLines; attempt++)
        {
            try
            {
                return CalendarCollection.Load(text);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add("skipped " + OneLine(e.Message));
                var bad = BadLine().Match(e.Message);
                var at = bad.Success && bad.Groups[1].Value.Length > 0 ? text.IndexOf(bad.Groups[1].Value, StringComparison.Ordinal) : -1;
                if (at < 0)
                    return null;
                var end = text.IndexOf('\n', at);
                text = string.Concat(text.AsSpan(0, at), end < 0 ? "" : text.AsSpan(end + 1));
            }
        }
        return null;
    }

    private const int MaxSkippedLines = 20;

    [System.Text.RegularExpressions.GeneratedRegex(@"^Could not parse line: '(.*)'", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BadLine();

    /// <summary>One UID's trouble is recorded and the calendar's other events still count.</summary>
    private void Changes(IcalCalendar calendar, List<CalendarChange> changes, List<string> problems)
    {
        var method = calendar.Method?.Trim().ToUpperInvariant() ?? "PUBLISH";
        foreach (var group in calendar.Events.Where(e => !string.IsNullOrWhiteSpace(e.Uid)).GroupBy(e => e.Uid!))
        {
            try
            {
                changes.AddRange(ChangesOf(method, group.Key, group.ToList()));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add($"UID {group.Key}: {OneLine(e.Message)}");
            }
        }
    }

    private IEnumerable<CalendarChange> ChangesOf(string method, string uid, List<CalendarEvent> events) => method switch
    {
        "CANCEL" => events.Select(e => new CalendarCancel(uid, e.Sequence, RecurrenceIdOf(e))).ToList(),
        "REPLY" => Replies(uid, events).ToList(),
        "PUBLISH" or "REQUEST" or "ADD" =>
            [new CalendarUpsert(uid, events.Max(e => e.Sequence), events.Any(e => e.RecurrenceIdentifier is null), Occurrences(events))],
        _ => [], // COUNTER, REFRESH, DECLINECOUNTER: proposals, not facts
    };

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
            // Expanded from the master in its own calendar (so its VTIMEZONEs resolve); each RECURRENCE-ID
            // override replaces the occurrence it names. Ical.Net 5 enumerates lazily and without end:
            // bounded by the window, a count and a time budget.
            var overrides = events.Where(e => e.RecurrenceIdentifier is not null).GroupBy(e => RecurrenceIdOf(e)!.Value)
                .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
            var budget = System.Diagnostics.Stopwatch.StartNew();
            var occurrences = master.GetOccurrences(null, new EvaluationOptions { MaxUnmatchedIncrementsLimit = 1000 })
                .Select(o => (Start: Utc(o.Period.StartTime), o.Period))
                .TakeWhile(o => o.Start.UtcDateTime < windowEnd && budget.Elapsed < options.MaxExpansionTime)
                .Take(options.MaxOccurrencesPerSeries);
            foreach (var (start, period) in occurrences)
            {
                if (overrides.Remove(start, out var moved))
                {
                    items.Add(Single(moved, start, recurring: true));
                    continue;
                }
                var end = period.EndTime is { } pe ? Utc(pe) : start + (master.EffectiveDuration is { } d ? d.ToTimeSpanUnspecified() : TimeSpan.Zero);
                items.Add(ItemOf(master, start, start, end, recurring: true));
            }
            // Overrides that no rule occurrence matched (moved from outside the window) still happened.
            items.AddRange(overrides.Select(o => Single(o.Value, o.Key, recurring: true)));
        }
        else
        {
            foreach (var e in events.Where(e => e.DtStart is not null))
                items.Add(Single(e, RecurrenceIdOf(e) ?? Utc(e.DtStart!), recurring: e.RecurrenceIdentifier is not null));
        }
        return items;
    }

    /// <summary>One VEVENT as it stands: its own DTSTART and DTEND (or DURATION).</summary>
    private static CalendarItem Single(CalendarEvent e, DateTimeOffset instance, bool recurring)
    {
        var start = Utc(e.DtStart!);
        var end = e.DtEnd is { } de ? Utc(de) : start + (e.Duration is { } d ? d.ToTimeSpanUnspecified() : TimeSpan.Zero);
        return ItemOf(e, instance, start, end, recurring);
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
