namespace InboxNetworking.Worker.Application;

/// <summary>Time zone ids as the user types them.</summary>
internal static class TimeZones
{
    /// <summary>The zone, or a UserError that says what a valid id looks like.</summary>
    public static TimeZoneInfo Require(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return zone;
        throw new UserError($"unknown time zone '{id}': use an IANA id such as Europe/Berlin, America/New_York or UTC");
    }
}
