using InboxNetworking.Core.Domain;

namespace InboxNetworking.Core.Ports;

/// <summary>A connector's view of one source (a file, a folder, a remote folder or calendar):
/// batches of header-level items from a checkpoint on.</summary>
public interface ISource
{
    /// <summary>Stable name of the source; the checkpoint is stored under it.</summary>
    string SourceKey { get; }

    /// <summary>Reads what follows <paramref name="checkpoint"/> (null: from the start) in batches,
    /// each with the checkpoint that follows it.</summary>
    IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, CancellationToken cancellationToken);
}

/// <summary>A mail folder or export. Its messages may carry invitations, which arrive as calendar changes.</summary>
public interface IMailSource : ISource;

/// <summary>A calendar feed: an .ics file today; CalDAV and Graph calendarView plug in here.</summary>
public interface ICalendarSource : ISource;
