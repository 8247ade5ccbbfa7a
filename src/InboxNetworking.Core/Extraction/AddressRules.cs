using System.Text.RegularExpressions;

namespace InboxNetworking.Core.Extraction;

/// <summary>Address normalisation and the address-based "not a relationship" rules.</summary>
public static partial class AddressRules
{
    /// <summary>Lower-case, trimmed, optionally without a +tag; null when it is not an address.</summary>
    public static string? Normalize(string? address, bool stripPlusTag)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var a = address.Trim().Trim('<', '>', '"', '\'').ToLowerInvariant();
        if (a.StartsWith("mailto:", StringComparison.Ordinal))
            a = a[7..];
        var at = a.LastIndexOf('@');
        if (at <= 0 || at == a.Length - 1)
            return null;
        if (stripPlusTag)
        {
            var plus = a.IndexOf('+', StringComparison.Ordinal);
            if (plus > 0 && plus < at)
                a = string.Concat(a.AsSpan(0, plus), a.AsSpan(at));
        }
        return a;
    }

    public static string DomainOf(string normalizedAddress) => normalizedAddress[(normalizedAddress.LastIndexOf('@') + 1)..];

    /// <summary>no-reply and role senders (METRICS.md section 0): never a person.</summary>
    public static bool IsRoleAddress(string normalizedAddress)
    {
        var local = normalizedAddress[..normalizedAddress.LastIndexOf('@')];
        return RoleLocalPart().IsMatch(local);
    }

    // Bots write like people but are not relationships: CI and fuzzing bots, trackers, review tools.
    [GeneratedRegex(@"(^|[._\-])(no-?reply|do-?not-?reply|donotreply|noreply|notifications?|notify|mailer-daemon|postmaster|bounces?|alerts?|newsletters?|marketing|news|mailer|daemon|auto-?confirm|unsubscribe|bot|robot|syzbot|dependabot|buildbot|renovate|bugzilla|patchwork|jenkins|gerrit|jira)([._\-+0-9\[]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RoleLocalPart();
}
