namespace InboxNetworking.Worker;

/// <summary>A problem the user can fix: printed as one line on stderr, exit code 2, nothing written.</summary>
internal sealed class UserError(string message) : Exception(message);
