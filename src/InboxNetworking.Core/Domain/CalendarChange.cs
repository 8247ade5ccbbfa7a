namespace InboxNetworking.Core.Domain;

/// <summary>What one calendar object (iTIP METHOD) does to the stored calendar.</summary>
public abstract record CalendarChange(string Uid, int Sequence);

/// <summary>PUBLISH/REQUEST (or a plain calendar file): the occurrences of one UID as of this SEQUENCE.
/// With <paramref name="WholeSeries"/> they replace every occurrence of the UID the rule wrote before.</summary>
public sealed record CalendarUpsert(string Uid, int Sequence, bool WholeSeries, IReadOnlyList<CalendarItem> Occurrences)
    : CalendarChange(Uid, Sequence);

/// <summary>CANCEL: the whole UID, or the one occurrence at <paramref name="InstanceStart"/>.</summary>
public sealed record CalendarCancel(string Uid, int Sequence, DateTimeOffset? InstanceStart) : CalendarChange(Uid, Sequence);

/// <summary>REPLY: one attendee's answer, for the whole UID or one occurrence.</summary>
public sealed record CalendarReply(string Uid, int Sequence, DateTimeOffset? InstanceStart, string AttendeeAddress, AttendeeResponse Response)
    : CalendarChange(Uid, Sequence);
