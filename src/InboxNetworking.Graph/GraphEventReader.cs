using System.Globalization;
using InboxNetworking.Core.Domain;
using Microsoft.Graph.Models;
using Attendee = InboxNetworking.Core.Domain.Attendee;
using Participant = InboxNetworking.Core.Domain.Participant;

namespace InboxNetworking.Graph;

/// <summary>One calendarView occurrence as a calendar change: who met, when, organised by whom. Its body and location
/// arrive over the wire (calendarView delta takes no $select) and are dropped here.</summary>
internal static class GraphEventReader
{
    /// <summary>Graph's event id names one occurrence for good (a moved occurrence keeps it), so it is the identity
    /// alone: every occurrence is stored under this one instance start, whatever its time.</summary>
    private static readonly DateTimeOffset Instance = DateTimeOffset.UnixEpoch;

    public static (CalendarChange? Change, string? Problem) Read(Event e)
    {
        if (e.Id is not { Length: > 0 } id)
            return (null, "an event without an id");
        if (Time(e.Start) is not { } start || Time(e.End) is not { } end)
            return (null, $"start or end missing or not in UTC ({e.Start?.TimeZone ?? "none"}): the event cannot be placed in time");
        var item = new CalendarItem
        {
            Uid = id,
            InstanceStart = Instance,
            Start = start,
            End = end < start ? start : end,
            AllDay = e.IsAllDay ?? false,
            Cancelled = e.IsCancelled ?? false,
            Recurring = e.Type is EventType.Occurrence or EventType.Exception,
            IsOverride = e.Type == EventType.Exception,
            Organizer = e.Organizer?.EmailAddress is { Address: { } address } o && address.Contains('@', StringComparison.Ordinal)
                ? new Participant(address.Trim(), string.IsNullOrWhiteSpace(o.Name) ? null : o.Name.Trim())
                : null,
            Attendees = (e.Attendees ?? [])
                .Where(a => a.Type != AttendeeType.Resource && a.EmailAddress?.Address?.Contains('@', StringComparison.Ordinal) == true)
                .Select(a => new Attendee(a.EmailAddress!.Address!.Trim(), string.IsNullOrWhiteSpace(a.EmailAddress.Name) ? null : a.EmailAddress.Name.Trim(),
                    Response(a.Status?.Response), a.Type == AttendeeType.Optional))
                .ToList(),
            Summary = e.Subject,
        };
        return (new CalendarUpsert(id, 0, WholeSeries: false, [item]), null);
    }

    /// <summary>A deleted occurrence (or one moved out of the window): it is no meeting.</summary>
    public static CalendarChange Removed(string id) => new CalendarCancel(id, int.MaxValue, null);

    private static AttendeeResponse Response(ResponseType? response) => response switch
    {
        ResponseType.Accepted or ResponseType.Organizer => AttendeeResponse.Accepted,
        ResponseType.TentativelyAccepted => AttendeeResponse.Tentative,
        ResponseType.Declined => AttendeeResponse.Declined,
        _ => AttendeeResponse.NeedsAction,
    };

    /// <summary>Times as the request asked for them (Prefer: outlook.timezone="UTC").</summary>
    private static DateTimeOffset? Time(DateTimeTimeZone? t) =>
        t is { DateTime: { } text, TimeZone: "UTC" or "Etc/UTC" or "Coordinated Universal Time" }
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
            ? new DateTimeOffset(utc, TimeSpan.Zero)
            : null;
}
