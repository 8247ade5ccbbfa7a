namespace InboxNetworking.Core.Metrics;

/// <summary>Calendar months in the owner's time zone, as UTC instants.</summary>
public sealed class MonthCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public (int Year, int Month) MonthOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return (local.Year, local.Month);
    }

    /// <summary>The owner's local calendar day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The UTC instant at which the local month begins.</summary>
    public DateTimeOffset StartOf(int year, int month)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // Where midnight does not exist (a DST jump at 00:00), the month starts at the first valid minute.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string Key(int year, int month) => $"{year:D4}-{month:D2}";

    public static (int Year, int Month) Next(int year, int month) => month == 12 ? (year + 1, 1) : (year, month + 1);

    public static bool TryParseKey(string key, out (int Year, int Month) month)
    {
        month = default;
        if (key.Length != 7 || key[4] != '-' || !int.TryParse(key.AsSpan(0, 4), out var y) || !int.TryParse(key.AsSpan(5, 2), out var m) || m is < 1 or > 12 || y < 1900)
            return false;
        month = (y, m);
        return true;
    }
}
