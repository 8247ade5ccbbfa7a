using InboxNetworking.Files.Mime;
using MailKit;
using MailKit.Net.Imap;

namespace InboxNetworking.Imap;

/// <summary>Which folders an account tracks: by SPECIAL-USE (RFC 6154) attributes, by name where the server
/// has none; never Junk, Trash or Drafts.</summary>
public static class FolderDiscovery
{
    public const string Inbox = "inbox";
    public const string Sent = "sent";
    public const string Archive = "archive";
    public const string All = "all";

    private const FolderAttributes Never = FolderAttributes.Junk | FolderAttributes.Trash | FolderAttributes.Drafts | FolderAttributes.NonExistent | FolderAttributes.NoSelect;

    public static async Task<IReadOnlyList<TrackedFolder>> DiscoverAsync(ImapClient client, IReadOnlyList<string> configured, CancellationToken cancellationToken)
    {
        var folders = new List<IMailFolder>();
        foreach (var ns in client.PersonalNamespaces)
            folders.AddRange(await client.GetFoldersAsync(ns, StatusItems.None, subscribedOnly: false, cancellationToken));
        var tracked = new List<TrackedFolder> { new(client.Inbox.FullName, Inbox) };
        foreach (var folder in folders.Where(f => !string.Equals(f.FullName, client.Inbox.FullName, StringComparison.OrdinalIgnoreCase)))
        {
            if (configured.Count > 0)
            {
                if (configured.Contains(folder.FullName, StringComparer.OrdinalIgnoreCase))
                    tracked.Add(new TrackedFolder(folder.FullName, RoleOf(folder) ?? "configured"));
                continue;
            }
            if ((folder.Attributes & Never) != 0 || FolderNames.IsSkipped(folder.FullName))
                continue;
            if (RoleOf(folder) is { } role)
                tracked.Add(new TrackedFolder(folder.FullName, role));
        }
        return tracked;
    }

    private static string? RoleOf(IMailFolder folder)
    {
        var a = folder.Attributes;
        if (a.HasFlag(FolderAttributes.Sent))
            return Sent;
        if (a.HasFlag(FolderAttributes.Archive))
            return Archive;
        if (a.HasFlag(FolderAttributes.All))
            return All;
        // No SPECIAL-USE attributes: fall back to the names people and servers use.
        if (FolderNames.IsSent(folder.FullName))
            return Sent;
        var leaf = FolderNames.Leaf(folder.FullName.Replace(folder.DirectorySeparator, '/'));
        if (leaf.Equals("Archive", StringComparison.OrdinalIgnoreCase) || leaf.Equals("Archives", StringComparison.OrdinalIgnoreCase) || leaf.Equals("Архив", StringComparison.OrdinalIgnoreCase))
            return Archive;
        if (leaf.Equals("All Mail", StringComparison.OrdinalIgnoreCase))
            return All;
        return null;
    }
}
