using InboxNetworking.Core.Domain;

namespace InboxNetworking.Core.Ports;

/// <summary>A connector's view of one source (a file, a folder, a remote folder): batches from a checkpoint on.</summary>
public interface IMailSource
{
    /// <summary>Stable name of the source; the checkpoint is stored under it.</summary>
    string SourceKey { get; }

    /// <summary>Reads what follows <paramref name="checkpoint"/> (null: from the start) in batches.</summary>
    IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, CancellationToken cancellationToken);
}
