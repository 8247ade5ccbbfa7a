using System.Globalization;

namespace InboxNetworking.Imap;

/// <summary>Where a folder's sync stands: its UIDVALIDITY, the last UID committed and the HIGHESTMODSEQ seen.
/// A UIDVALIDITY that no longer matches means the UIDs were renumbered: the folder is read again from the
/// start, and the store's message keys keep that from adding anything twice.</summary>
public readonly record struct FolderCheckpoint(uint UidValidity, uint LastUid, ulong HighestModSeq)
{
    private const string Version = "imap1";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Version} {UidValidity} {LastUid} {HighestModSeq}");

    public static FolderCheckpoint Parse(string? text)
    {
        var parts = text?.Split(' ') ?? [];
        return parts.Length == 4 && parts[0] == Version
            && uint.TryParse(parts[1], CultureInfo.InvariantCulture, out var validity)
            && uint.TryParse(parts[2], CultureInfo.InvariantCulture, out var last)
            && ulong.TryParse(parts[3], CultureInfo.InvariantCulture, out var modseq)
            ? new FolderCheckpoint(validity, last, modseq)
            : default;
    }
}
