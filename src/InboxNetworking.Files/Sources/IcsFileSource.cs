using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Calendar;

namespace InboxNetworking.Files.Sources;

/// <summary>An iCalendar file, read whole; the checkpoint is its content hash, so an unchanged file is skipped.</summary>
internal sealed class IcsFileSource(string path, IcsReader ics, FilesOptions options) : ICalendarSource
{
    public string SourceKey => "ics:" + Path.GetFullPath(path);

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length > options.MaxMessageBytes)
        {
            yield return new SourceBatch([], [], [Quarantine($"calendar file of {length} bytes is larger than the {options.MaxMessageBytes}-byte limit")], "too-large:" + length);
            yield break;
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (checkpoint == hash)
            yield break;
        var (changes, error) = ics.Read(System.Text.Encoding.UTF8.GetString(bytes));
        yield return new SourceBatch([], changes, error is null ? [] : [Quarantine(error)], hash);
    }

    private QuarantineEntry Quarantine(string reason) => new(path, Path.GetFileName(path), reason);
}
