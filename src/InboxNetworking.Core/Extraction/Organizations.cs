namespace InboxNetworking.Core.Extraction;

/// <summary>External organisation = registrable domain (eTLD+1); free-mail domains are per person.</summary>
public static class Organizations
{
    private static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com",
        "gmx.de", "gmx.net", "web.de", "yandex.ru", "ya.ru", "yandex.com", "mail.ru", "bk.ru", "inbox.ru",
        "list.ru", "rambler.ru", "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com",
        "naver.com", "t-online.de", "orange.fr", "free.fr", "laposte.net", "libero.it", "comcast.net",
    };

    // The multi-label public suffixes people meet most. A full Public Suffix List needs a package that
    // the NuGet copy here does not serve; this keeps eTLD+1 right for the common cases.
    private static readonly HashSet<string> TwoLabelSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au", "org.au",
        "edu.au", "gov.au", "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "co.in", "org.in",
        "co.za", "com.br", "com.cn", "com.mx", "com.tr", "com.tw", "com.hk", "com.sg", "com.ar", "co.il",
        "msk.ru", "spb.ru", "com.ua", "kiev.ua", "co.at", "or.at",
    };

    public static bool IsFreeMail(string domain) => FreeMail.Contains(domain);

    /// <summary>The registrable domain of an address's domain.</summary>
    public static string RegistrableDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length <= 2)
            return domain;
        var lastTwo = labels[^2] + "." + labels[^1];
        var take = TwoLabelSuffixes.Contains(lastTwo) ? 3 : 2;
        return string.Join('.', labels[^take..]);
    }

    /// <summary>The organisation of an address, or null for free-mail (a person, not an organisation).</summary>
    public static string? OrganizationOf(string normalizedAddress)
    {
        var domain = AddressRules.DomainOf(normalizedAddress);
        return IsFreeMail(domain) ? null : RegistrableDomain(domain);
    }
}
