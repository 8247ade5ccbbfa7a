using NodaTime;
using NodaTime.TimeZones;

namespace InboxNetworking.Files.Calendar;

/// <summary>Resolves the TZIDs real producers write that Ical.Net's default resolver rejects: Windows
/// names (Outlook's "W. Europe Standard Time", Exchange's bare "Eastern"), underscores for slashes,
/// quoted ids. What still cannot be resolved is read as UTC: a few hours off, never a lost meeting.</summary>
internal static class TimeZoneFallback
{
    private static readonly Func<string, DateTimeZone?> Default = Ical.Net.TimeZoneResolvers.Default;
    private static readonly IDictionary<string, string> Windows = TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping;
    private static int _installed;

    /// <summary>Ical.Net offers only a process-wide hook; installing it twice is harmless.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
            Ical.Net.TimeZoneResolvers.TimeZoneResolver = Resolve;
    }

    public static DateTimeZone Resolve(string tzId)
    {
        foreach (var candidate in Candidates(tzId))
        {
            if (TryDefault(candidate) is { } zone)
                return zone;
            if (Windows.TryGetValue(candidate, out var iana) && TryDefault(iana) is { } mapped)
                return mapped;
            if (Windows.TryGetValue(candidate + " Standard Time", out var iana2) && TryDefault(iana2) is { } mapped2)
                return mapped2;
        }
        return DateTimeZone.Utc;
    }

    private static IEnumerable<string> Candidates(string tzId)
    {
        var id = tzId.Trim().Trim('"');
        yield return id;
        if (id.StartsWith("TZID=", StringComparison.OrdinalIgnoreCase))
            yield return id[5..];
        yield return id.Replace('_', '/');
        if (id.LastIndexOf('/') is var slash and > 0)
            yield return id[(slash + 1)..];
    }

    private static DateTimeZone? TryDefault(string id)
    {
        try
        {
            return Default(id);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
