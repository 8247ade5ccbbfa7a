using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Reports;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Core.Metrics;

internal sealed partial class AnalysisRun
{
    /// <summary>1. New contacts: the first meaningful interaction ever falls in this month.</summary>
    private NewContactsMetric NewContacts(MonthWindow w)
    {
        var burnIn = w.Index < _options.BurnInMonths;
        int ownerInitiated = 0, contactInitiated = 0, introduced = 0, met = 0, internalCount = 0, engaged = 0;
        var introductions = new List<Introduction>();
        var newContacts = new List<int>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (_firstMeaningful[c] is not { } first || !w.Contains(first))
                continue;
            newContacts.Add(c);
            var i = _byContact[c][_firstMeaningfulInteraction[c]!.Value];
            var introducer = Introducer(c, i);
            if (introducer is { } b)
            {
                introduced++;
                introductions.Add(new Introduction(AddressOf(c), AddressOf(b)));
            }
            else if (i.Channel == Channel.Meeting)
                met++;
            else if (i.Direction == Direction.Out)
                ownerInitiated++;
            else
                contactInitiated++;
            if (_net.ContactInternal[c])
                internalCount++;
            // "Engaged new": one meaningful exchange each way within 30 days of the first.
            if (_stages[c].Engaged is { } e && e - first <= Days30)
                engaged++;
        }
        return new NewContactsMetric
        {
            Value = burnIn ? null : newContacts.Count,
            BurnIn = burnIn,
            OwnerInitiated = ownerInitiated,
            ContactInitiated = contactInitiated,
            Introduced = introduced,
            MetAtMeeting = met,
            Internal = internalCount,
            External = newContacts.Count - internalCount,
            NewOrganizations = NewOrganizations(w),
            Engaged = engaged,
            Introductions = introductions,
        };
    }

    /// <summary>The existing contact who brought this one in: someone already known who was on the
    /// message or meeting where this contact first appeared, unless the owner wrote it (then the owner did).</summary>
    private int? Introducer(int c, Interaction first)
    {
        if (first.Event < 0 || first.Direction == Direction.Out)
            return null;
        foreach (var b in _net.Events[first.Event].Contacts)
        {
            if (b != c && _firstMeaningful[b] is { } bFirst && bFirst < first.Time)
                return b;
        }
        return null;
    }

    /// <summary>Every introduction, as a service one side did the other (METRICS.md 6): a contact who
    /// brought someone new to the owner, or the owner who wrote to someone new with a contact on copy.</summary>
    private List<(DateTimeOffset Time, int Contact, bool ByOwner)> Introductions()
    {
        var list = new List<(DateTimeOffset, int, bool)>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (_firstMeaningfulInteraction[c] is not { } k || _byContact[c][k] is not { Event: >= 0 } first)
                continue;
            if (first.Direction == Direction.Out)
            {
                foreach (var b in _net.Events[first.Event].Contacts)
                {
                    if (b != c && _firstMeaningful[b] is { } bFirst && bFirst < first.Time)
                        list.Add((first.Time, b, true));
                }
            }
            else if (Introducer(c, first) is { } introducer)
            {
                list.Add((first.Time, introducer, false));
            }
        }
        return list;
    }

    /// <summary>External organisations whose first meaningful contact falls in the month.</summary>
    private int NewOrganizations(MonthWindow w)
    {
        var firstByOrg = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (_firstMeaningful[c] is not { } first || _net.ContactInternal[c] || Organizations.OrganizationOf(AddressOf(c)) is not { } org)
                continue;
            if (!firstByOrg.TryGetValue(org, out var seen) || first < seen)
                firstByOrg[org] = first;
        }
        return firstByOrg.Values.Count(w.Contains);
    }

    /// <summary>2. Interaction frequency: network size (2+ meaningful interactions in 28 days) and spread.</summary>
    private FrequencyMetric Frequency(MonthWindow w)
    {
        int networkSize = 0, reciprocal = 0, meaningful = 0;
        double weightedOut = 0, weightedIn = 0;
        var attention = new List<double>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            var last28 = Between(c, w.End - Days28, w.End).Where(IsDyadicMeaningful).ToList();
            if (last28.Count >= 2)
                networkSize++;
            if (last28.Any(CountsOut) && last28.Any(CountsIn))
                reciprocal++;
            double volume = 0;
            foreach (var i in Between(c, w.Start, w.End))
            {
                if (IsDyadicMeaningful(i))
                    meaningful++;
                if (i.Channel == Channel.Email && i.Direction == Direction.Out)
                    weightedOut += i.Weight;
                else if (i.Channel == Channel.Email && i.Direction == Direction.In)
                    weightedIn += i.Weight;
                volume += i.Weight;
            }
            if (volume > 0)
                attention.Add(volume);
        }
        var total = attention.Sum();
        var sorted = attention.OrderDescending().ToList();
        return new FrequencyMetric
        {
            Value = networkSize,
            NetworkSize = networkSize,
            ReciprocalNetworkSize = reciprocal,
            MeaningfulInteractions = meaningful,
            WeightedOut = Math.Round(weightedOut, 3),
            WeightedIn = Math.Round(weightedIn, 3),
            Top5Share = total > 0 ? sorted.Take(5).Sum() / total : null,
            Top15Share = total > 0 ? sorted.Take(15).Sum() / total : null,
            MeetingHours = Math.Round(_net.OwnerMeetings.Where(m => w.Contains(m.Time)).Sum(m => m.Hours), 2),
        };
    }

    /// <summary>3. Engagement in communities (lists, recurring group meetings) and events.</summary>
    private EngagementMetric Engagement(MonthWindow w)
    {
        var lists = _net.ListActivity.Where(l => w.Contains(l.Time)).ToList();
        var meetings = _net.OwnerMeetings.Where(m => w.Contains(m.Time)).ToList();
        var groupSeries = meetings.Where(m => m.IsGroupSeries).Select(m => m.Series).Distinct().Count();
        var invitations = _net.Invitations.Where(i => w.Contains(i.Time)).ToList();
        var events = meetings.Where(m => m.IsLargeEvent).ToList();
        var recurringGroups = _groups.ActiveIn(w.Start, w.End).Count();
        var activeCommunities = lists.Select(l => l.ListId).Distinct(StringComparer.OrdinalIgnoreCase).Count() + groupSeries + recurringGroups;
        return new EngagementMetric
        {
            Value = activeCommunities,
            ActiveCommunities = activeCommunities,
            RecurringGroups = recurringGroups,
            ListPosts = lists.Count(l => l.Posted),
            ListReceived = lists.Count(l => !l.Posted),
            RsvpAcceptanceRate = invitations.Count == 0 ? null : (double)invitations.Count(i => i.Accepted) / invitations.Count,
            EventsAttended = events.Count,
            OrganizerShare = meetings.Count == 0 ? null : (double)meetings.Count(m => m.OwnerOrganised) / meetings.Count,
            EventContactConversion = EventConversion(events),
        };
    }

    /// <summary>Co-attendees of the month's events with a small exchange within 30 days after.</summary>
    private double? EventConversion(List<OwnerMeeting> events)
    {
        int attendees = 0, converted = 0;
        foreach (var e in events)
        {
            foreach (var c in e.Attendees)
            {
                attendees++;
                if (Between(c, e.Time.AddSeconds(1), e.Time + Days30).Any(i => i.Channel == Channel.Email && i.Meaningful))
                    converted++;
            }
        }
        return attendees == 0 ? null : (double)converted / attendees;
    }
}
