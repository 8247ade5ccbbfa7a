using InboxNetworking.Core.Domain;

namespace InboxNetworking.Core.Extraction;

/// <summary>Turns stored header-level mail and calendar occurrences into directed owner-contact
/// interactions, as METRICS.md section 0 specifies.</summary>
public sealed class InteractionExtractor(ExtractionOptions options)
{
    /// <summary>Extracts from messages held in memory (any order) and calendar occurrences.</summary>
    public ExtractedNetwork Extract(Account account, IReadOnlyList<MailItem> mail, IReadOnlyList<CalendarItem> calendar)
    {
        var builder = Start(account, mail.Where(m => m.InSentFolder).Select(m => m.From?.Address));
        foreach (var m in mail.OrderBy(m => m.Date))
            builder.Add(m);
        builder.AddCalendar(calendar);
        return builder.Build();
    }

    /// <summary>Starts a streaming extraction: feed messages in date order, then the calendar, then Build.
    /// The owner is the account's addresses plus every From of Sent items (METRICS.md section 0).</summary>
    /// <param name="account">Whose mailbox.</param>
    /// <param name="sentFromAddresses">The From of every Sent item.</param>
    /// <param name="exclusions">The account's own (`inboxnet exclude`): addresses, and domains written "@domain";
    /// they add to the configured ones.</param>
    /// <param name="aliases">The account's own merges (`inboxnet merge`): alias address -> the address it counts as.</param>
    public NetworkBuilder Start(Account account, IEnumerable<string?> sentFromAddresses, IReadOnlyCollection<string>? exclusions = null,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        var owner = account.OwnerAddresses.Concat(sentFromAddresses).Select(Norm).OfType<string>().ToHashSet(StringComparer.Ordinal);
        exclusions ??= [];
        var excludedAddresses = options.ExcludedAddresses.Concat(exclusions.Where(e => !e.StartsWith('@')))
            .Select(Norm).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var excludedDomains = options.ExcludedDomains.Concat(exclusions.Where(e => e.StartsWith('@')).Select(e => e[1..]))
            .Select(d => d.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new NetworkBuilder(owner, InternalDomains(owner), excludedAddresses, excludedDomains, options, Resolve(aliases));
    }

    private string? Norm(string? address) => AddressRules.Normalize(address, options.StripPlusTags);

    /// <summary>Merges normalised and followed to their end (a merged into b, b into c: a counts as c).</summary>
    private Dictionary<string, string> Resolve(IReadOnlyDictionary<string, string>? aliases)
    {
        var normalized = (aliases ?? new Dictionary<string, string>())
            .Select(p => (From: Norm(p.Key), To: Norm(p.Value))).Where(p => p.From is not null && p.To is not null && p.From != p.To)
            .ToDictionary(p => p.From!, p => p.To!, StringComparer.Ordinal);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in normalized.Keys)
        {
            var to = normalized[from];
            for (var hops = 0; hops < normalized.Count && normalized.TryGetValue(to, out var next) && next != from; hops++)
                to = next;
            resolved[from] = to;
        }
        return resolved;
    }

    private HashSet<string> InternalDomains(HashSet<string> owner)
    {
        var configured = options.InternalDomains.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (configured.Count > 0)
            return configured;
        return owner.Select(AddressRules.DomainOf).Where(d => !Organizations.IsFreeMail(d))
            .Select(Organizations.RegistrableDomain).ToHashSet(StringComparer.Ordinal);
    }
}
