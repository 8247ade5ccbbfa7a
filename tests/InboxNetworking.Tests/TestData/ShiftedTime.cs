namespace InboxNetworking.Tests.TestData;

/// <summary>A clock that runs at real speed from another instant: timers and backoffs still elapse
/// (a frozen fake clock would stall them), while "now" is where the test needs it.</summary>
internal sealed class ShiftedTime(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _offset = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
