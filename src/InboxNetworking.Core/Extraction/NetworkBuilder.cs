using InboxNetworking.Core.Domain;

namespace InboxNetworking.Core.Extraction;

/// <summary>Builds the network from messages fed in date order and then the calendar: nothing but
/// what the metrics need is kept, so a mailbox can be streamed from the store.</summary>
public sealed class NetworkBuilder(
    HashSet<string> owner,
    HashSet<string> internalDomains,
    HashSet<string> excludedAddresses,
    HashSet<string> excludedDomains,
    ExtractionOptions options,
    IReadOnlyDictionary<string, string> aliases)
{
    private readonly Dictionary<string, int> _contactIndex = new(StringComparer.Ordinal);
    private readonly List<string> _contacts = [];
    private readonly List<string?> _names = [];
    private readonly List<Interaction> _interactions = [];
    private readonly List<SharedEvent> _events = [];
    private readonly List<ListActivity> _lists = [];
    private readonly List<Invitation> _invitations = [];
    private readonly List<OwnerMeeting> _meetings = [];
    private readonly List<DateTimeOffset> _eventStarts = [];
    private readonly Dictionary<string, int> _threads = new(StringComparer.Ordinal);
    private TimeSpan ReplyWindow => TimeSpan.FromDays(options.ReplyWindowDays);

    // Message-ID -> what a reply to it needs to know; addresses as small ints to keep a million messages light.
    private readonly Dictionary<string, SeenMessage> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _addressIds = new(StringComparer.Ordinal);
    private readonly List<bool> _addressIsOwner = [];
    private readonly List<(DateTimeOffset Date, bool Sent)> _allMessages = [];
    private readonly HashSet<string> _excludedByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SeenMessage>> _bySubject = new(StringComparer.Ordinal);

    /// <summary>Adds one message; feed them in date order, so that parents come before their replies.</summary>
    public void Add(MailItem m)
    {
        if (m.IsDraft)
            return;
        var sender = Norm(m.From?.Address);
        _allMessages.Add((m.Date, sender is not null && owner.Contains(sender)));
        var exclusion = MessageClassifier.Classify(m, sender);
        if (exclusion == Exclusion.MailingList && m.ListId is not null)
            _lists.Add(new ListActivity(m.Date, m.ListId, sender is not null && owner.Contains(sender)));
        if (exclusion != Exclusion.None || sender is null)
            return;

        var to = Distinct(m.To, sender);
        var recipients = Distinct(m.To.Concat(m.Cc).Concat(m.Bcc), sender);
        var n = recipients.Count;
        if (n == 0 || n > options.BroadcastMinParticipants)
            return; // a huge blast is not a relationship signal

        var people = n + 1;
        var meaningful = people <= options.MeaningfulMaxEmailPeople;
        var hasThreadHeaders = m.InReplyTo is not null || m.References.Count > 0;
        var replySubject = MessageKeys.IsReplySubject(m.Subject);
        var parentKey = MessageKeys.NormalizeMessageId(m.InReplyTo) ?? (m.References.Count > 0 ? MessageKeys.NormalizeMessageId(m.References[^1]) : null);
        SeenMessage? parent = parentKey is not null && _seen.TryGetValue(parentKey, out var p) ? p : null;
        // Exports converted from PST/Exchange (Enron's among them) lose In-Reply-To and References:
        // then a "Re:" subject finds its parent the way JWZ threading groups by subject.
        var subjectKey = MessageKeys.NormalizeSubject(m.Subject);
        if (parent is null && !hasThreadHeaders && replySubject)
            parent = BySubject(subjectKey, m.Date, sender);
        var thread = !hasThreadHeaders && parent is not null ? parent.Thread : ThreadOf(m);
        var isRoot = !hasThreadHeaders && !replySubject;

        var eventIndex = AddEvent(m.Date, people, recipients.Append(sender).Where(a => !owner.Contains(a)), meeting: false);
        var first = _interactions.Count;
        // One email, one row per owner-contact pair; the facts shared by every row of the message.
        void Emit(string contact, string? name, Direction direction, double weight, bool addressedDirectly, string? fromContact)
        {
            var (isReply, latency) = ReplyTo(parent, m, sender, fromContact);
            _interactions.Add(new Interaction
            {
                Contact = ContactOf(contact, name),
                Time = m.Date,
                Channel = Channel.Email,
                Direction = direction,
                Initiation = isRoot,
                IsReply = isReply,
                Latency = latency,
                N = n,
                Weight = weight,
                Meaningful = meaningful,
                Thread = thread,
                Attachment = m.HasAttachment,
                Internal = IsInternal(contact),
                Event = eventIndex,
                AddressedDirectly = addressedDirectly,
            });
            if (isReply)
                MarkAnswered(parent!, contact, latency!.Value);
        }

        if (owner.Contains(sender))
        {
            foreach (var c in recipients.Where(c => !owner.Contains(c) && IsContact(c)))
                Emit(c, NameOf(m, c), Direction.Out, 1.0 / n, to.Contains(c), fromContact: c);
        }
        else if (recipients.Any(owner.Contains) && IsContact(sender))
        {
            var others = recipients.Count(r => !owner.Contains(r));
            Emit(sender, m.From?.DisplayName, Direction.In, 1.0 / (others + 1), to.Any(owner.Contains), fromContact: null);
        }

        var seen = new SeenMessage(m.Date, AddressId(sender), recipients.Select(AddressId).ToArray(), first, _interactions.Count - first, thread);
        if (MessageKeys.NormalizeMessageId(m.MessageId) is { } id)
            _seen[id] = seen;
        if (subjectKey.Length > 0)
            RememberSubject(subjectKey, seen);
    }

    /// <summary>A reply: the parent's recipients include the replier, the parent came from the other
    /// side, and it is within the reply window.</summary>
    private (bool IsReply, TimeSpan? Latency) ReplyTo(SeenMessage? parent, MailItem m, string replier, string? fromContact)
    {
        if (parent is null || !parent.Recipients.Contains(AddressId(replier)))
            return (false, null);
        var otherSideSent = fromContact is null ? _addressIsOwner[parent.Sender] : parent.Sender == AddressId(fromContact);
        var latency = m.Date - parent.Date;
        if (!otherSideSent || latency < TimeSpan.Zero || latency > ReplyWindow)
            return (false, null);
        return (true, latency);
    }

    /// <summary>Records on the parent's interaction with <paramref name="contact"/> that it was answered.</summary>
    private void MarkAnswered(SeenMessage parent, string contact, TimeSpan latency)
    {
        if (!_contactIndex.TryGetValue(contact, out var index))
            return;
        for (var i = parent.FirstInteraction; i < parent.FirstInteraction + parent.InteractionCount; i++)
        {
            if (_interactions[i].Contact == index && _interactions[i].AnsweredAfter is null)
                _interactions[i].AnsweredAfter = latency;
        }
    }

    /// <summary>Adds calendar occurrences (after the mail, so that introductions by mail come first).</summary>
    public void AddCalendar(IEnumerable<CalendarItem> calendar)
    {
        foreach (var e in calendar.OrderBy(e => e.Start))
        {
            if (e.Cancelled || e.AllDay)
                continue;
            _eventStarts.Add(e.Start);
            var organizer = Norm(e.Organizer?.Address);
            var invitees = new Dictionary<string, Attendee>(StringComparer.Ordinal);
            foreach (var a in e.Attendees)
            {
                if (Norm(a.Address) is { } addr)
                    invitees.TryAdd(addr, a);
            }
            if (organizer is not null)
                invitees.TryAdd(organizer, new Attendee(organizer, e.Organizer?.DisplayName, AttendeeResponse.Accepted));
            if (invitees.Count < 2)
                continue; // nobody to meet

            var ownerOrganised = organizer is not null && owner.Contains(organizer);
            var ownerEntry = invitees.FirstOrDefault(kv => owner.Contains(kv.Key)).Value;
            // An event in the owner's own calendar that does not list the owner: the owner is there.
            var ownerAttends = ownerOrganised || ownerEntry is null || ownerEntry.Response is AttendeeResponse.Accepted or AttendeeResponse.Tentative;
            var size = invitees.Count;
            var hours = Math.Max(0, (e.End - e.Start).TotalHours);
            var series = e.Recurring ? e.Uid : null;
            var isLarge = size >= 9 || (organizer is not null && !ownerOrganised && !IsInternal(organizer) && Organizations.OrganizationOf(organizer) is not null);
            var contacts = invitees.Keys.Where(a => !owner.Contains(a) && IsContact(a)).ToList();

            if (!ownerOrganised && ownerEntry is not null && organizer is not null)
            {
                _invitations.Add(new Invitation(e.Start, organizer,
                    ownerEntry.Response is AttendeeResponse.Accepted or AttendeeResponse.Tentative,
                    ownerEntry.Response != AttendeeResponse.NeedsAction, ownerEntry.Optional, isLarge, size));
            }
            if (!ownerAttends)
                continue;

            var eventIndex = AddEvent(e.Start, size, contacts, meeting: true);
            var attendeeIndexes = new List<int>();
            foreach (var c in contacts)
            {
                var a = invitees[c];
                if (a.Response == AttendeeResponse.Declined)
                    continue;
                var contactOrganised = c == organizer;
                var index = ContactOf(c, a.DisplayName);
                attendeeIndexes.Add(index);
                _interactions.Add(new Interaction
                {
                    Contact = index,
                    Time = e.Start,
                    Channel = Channel.Meeting,
                    Direction = ownerOrganised ? Direction.Out : contactOrganised ? Direction.In : Direction.Co,
                    Initiation = ownerOrganised || contactOrganised,
                    N = size - 1,
                    Weight = 1.0 / (size - 1),
                    Meaningful = size <= options.MeaningfulMaxMeetingInvitees,
                    Thread = -1,
                    Internal = IsInternal(c),
                    DurationHours = hours,
                    AttentionHours = hours / (size - 1),
                    Series = series,
                    Event = eventIndex,
                    AddressedDirectly = !a.Optional,
                    ContactOrganised = contactOrganised,
                    ContactAccepted = contactOrganised || a.Response is AttendeeResponse.Accepted or AttendeeResponse.Tentative,
                });
            }
            var accepted = invitees.Count(kv => kv.Key != organizer && kv.Value.Response is AttendeeResponse.Accepted or AttendeeResponse.Tentative);
            _meetings.Add(new OwnerMeeting(e.Start, hours, ownerOrganised, size, series, isLarge, accepted,
                invitees.Count - (organizer is null ? 0 : 1), [.. attendeeIndexes]));
        }
    }

    /// <summary>The network of everything added so far; the reply and thread bookkeeping is released.</summary>
    public ExtractedNetwork Build()
    {
        _seen.Clear();
        _seen.TrimExcess();
        _threads.Clear();
        _threads.TrimExcess();
        _bySubject.Clear();
        _bySubject.TrimExcess();
        _addressIds.Clear();
        _addressIds.TrimExcess();
        _addressIsOwner.Clear();
        var interactions = _interactions.OrderBy(i => i.Time).ToList();
        return new ExtractedNetwork
        {
            OwnerAddresses = owner,
            Contacts = _contacts,
            ContactNames = _names,
            ContactInternal = _contacts.Select(IsInternal).ToList(),
            Interactions = interactions,
            Events = _events,
            ListActivity = _lists,
            Invitations = _invitations,
            OwnerMeetings = _meetings,
            AllMessages = _allMessages,
            ExcludedByUser = _excludedByUser.Count,
            AllEventStarts = _eventStarts,
        };
    }

    /// <summary>Keeps who else was on a message or meeting; one contact alone says nothing about
    /// introductions or ties between contacts, so it is not kept (-1).</summary>
    private int AddEvent(DateTimeOffset time, int people, IEnumerable<string> participants, bool meeting)
    {
        var indexes = participants.Where(IsContact).Select(a => ContactOf(a, null)).Distinct().ToArray();
        if (indexes.Length < 2)
            return -1;
        _events.Add(new SharedEvent(time, people, indexes, meeting));
        return _events.Count - 1;
    }

    private int ThreadOf(MailItem m)
    {
        // The first References entry is the thread root (RFC 5256 REFERENCES); a missing parent
        // is a placeholder keyed by its id, so later siblings still join the same thread.
        var root = (m.References.Count > 0 ? MessageKeys.NormalizeMessageId(m.References[0]) : null)
            ?? MessageKeys.NormalizeMessageId(m.InReplyTo)
            ?? m.MessageKey;
        if (!_threads.TryGetValue(root, out var id))
        {
            id = _threads.Count;
            _threads[root] = id;
        }
        return id;
    }

    private HashSet<string> Distinct(IEnumerable<Participant> participants, string sender)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            if (Norm(p.Address) is { } a && a != sender)
                set.Add(a);
        }
        return set;
    }

    private static string? NameOf(MailItem m, string address) =>
        m.To.Concat(m.Cc).Concat(m.Bcc).FirstOrDefault(p => string.Equals(p.Address, address, StringComparison.OrdinalIgnoreCase))?.DisplayName;

    private bool IsContact(string address)
    {
        if (AddressRules.IsRoleAddress(address))
            return false;
        var domain = AddressRules.DomainOf(address);
        if (excludedAddresses.Contains(address) || excludedDomains.Contains(domain) || excludedDomains.Contains(Organizations.RegistrableDomain(domain)))
        {
            _excludedByUser.Add(address);
            return false;
        }
        return true;
    }

    private bool IsInternal(string address) =>
        internalDomains.Contains(Organizations.RegistrableDomain(AddressRules.DomainOf(address)))
        || internalDomains.Contains(AddressRules.DomainOf(address));

    private int ContactOf(string address, string? name)
    {
        if (!_contactIndex.TryGetValue(address, out var index))
        {
            index = _contacts.Count;
            _contactIndex[address] = index;
            _contacts.Add(address);
            _names.Add(null);
        }
        if (!string.IsNullOrWhiteSpace(name) && !name.Contains('@', StringComparison.Ordinal))
            _names[index] = name.Trim().Trim('"', '\'');
        return index;
    }

    /// <summary>The address as the analysis counts it: normalised, and merged where the person said so.</summary>
    private string? Norm(string? address)
    {
        var normalized = AddressRules.Normalize(address, options.StripPlusTags);
        return normalized is not null && aliases.Count > 0 && aliases.TryGetValue(normalized, out var canonical) ? canonical : normalized;
    }

    private int AddressId(string address)
    {
        if (!_addressIds.TryGetValue(address, out var id))
        {
            id = _addressIds.Count;
            _addressIds[address] = id;
            _addressIsOwner.Add(owner.Contains(address));
        }
        return id;
    }

    /// <summary>The newest message on this subject that the replier received from the other side, within the window.</summary>
    private SeenMessage? BySubject(string subjectKey, DateTimeOffset date, string replier)
    {
        if (subjectKey.Length == 0 || !_bySubject.TryGetValue(subjectKey, out var candidates))
            return null;
        var replierId = AddressId(replier);
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var c = candidates[i];
            if (date - c.Date > ReplyWindow)
                break;
            if (c.Date <= date && c.Recipients.Contains(replierId) && _addressIsOwner[c.Sender] != _addressIsOwner[replierId])
                return c;
        }
        return null;
    }

    /// <summary>Keeps the last few messages per subject: enough to find a reply's parent, little memory.</summary>
    private void RememberSubject(string subjectKey, SeenMessage seen)
    {
        if (!_bySubject.TryGetValue(subjectKey, out var list))
            _bySubject[subjectKey] = list = [];
        list.Add(seen);
        if (list.Count > 8)
            list.RemoveAt(0);
    }

    private sealed record SeenMessage(DateTimeOffset Date, int Sender, int[] Recipients, int FirstInteraction, int InteractionCount, int Thread);
}
