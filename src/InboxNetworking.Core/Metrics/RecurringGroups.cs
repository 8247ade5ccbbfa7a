using InboxNetworking.Core.Extraction;

namespace InboxNetworking.Core.Metrics;

/// <summary>Recurring sets of co-recipients (METRICS.md 3): the same two or more contacts on messages
/// with the owner again and again form a group, whether or not it has a list.</summary>
internal sealed class RecurringGroups
{
    private const int MinOccurrences = 3;
    private static readonly TimeSpan Window = TimeSpan.FromDays(90);
    private readonly List<List<DateTimeOffset>> _occurrences;

    public RecurringGroups(IEnumerable<SharedEvent> events, int maxPeople)
    {
        var byKey = new Dictionary<ulong, List<DateTimeOffset>>();
        foreach (var e in events)
        {
            // Meetings have their own community (the recurring series); these are the groups mail alone shows.
            if (e.Meeting || e.Contacts.Length < 2 || e.People > maxPeople)
                continue;
            var key = Key(e.Contacts);
            if (!byKey.TryGetValue(key, out var times))
                byKey[key] = times = [];
            times.Add(e.Time);
        }
        _occurrences = byKey.Values.Where(t => t.Count >= MinOccurrences).Select(t => t.Order().ToList()).ToList();
    }

    /// <summary>Per group active in [start, end) that met at least three times in the 90 days before end: its activity count.</summary>
    public IEnumerable<int> ActiveIn(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var times in _occurrences)
        {
            var recent = times.Count(t => t >= end - Window && t < end);
            if (recent >= MinOccurrences && times.Any(t => t >= start && t < end))
                yield return recent;
        }
    }

    /// <summary>FNV-1a over the sorted contact ids: the set, not the order it was addressed in.</summary>
    private static ulong Key(int[] contacts)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in contacts.Order())
        {
            hash = unchecked((hash ^ (uint)c) * 1099511628211UL); // FNV wraps by design
        }
        return hash;
    }
}
