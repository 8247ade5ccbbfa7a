namespace InboxNetworking.Storage;

/// <summary>The store file cannot be used as it is; the message names it and says what to do. The file is untouched.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The file is damaged or is not one of ours.</summary>
    public static StoreException Damaged(string path, string what, Exception? inner = null) => new(
        $"the store {Path.GetFullPath(path)} cannot be used: {what}. It was left exactly as it was: restore a backup, "
        + "or move it aside and import again (a new store is created where none is)", inner);

    /// <summary>A newer inboxnet has migrated the file past what this one knows.</summary>
    public static StoreException Newer(string path, string migration) => new(
        $"the store {Path.GetFullPath(path)} was written by a newer inboxnet (its migration '{migration}' is unknown to this one). "
        + "It was left exactly as it was: run that newer version, or move the file aside and import again");
}
