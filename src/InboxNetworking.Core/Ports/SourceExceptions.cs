namespace InboxNetworking.Core.Ports;

/// <summary>The server refused the stored credentials: retrying cannot help, the person must connect again.</summary>
public sealed class SourceAuthenticationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server could not be reached or kept failing; the next sync tries again unless
/// <see cref="IsTransient"/> is false (a certificate that is not trusted will not become trusted by waiting).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null, bool isTransient = true) : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;
}

