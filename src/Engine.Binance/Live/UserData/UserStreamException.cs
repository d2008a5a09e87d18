namespace Engine.Binance.Live.UserData;

/// <summary>A user-stream REST call failed (HTTP error, timeout, bad answer); the message says which and why.</summary>
public sealed class UserStreamException : Exception
{
    public UserStreamException(string message)
        : base(message)
    {
    }

    public UserStreamException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UserStreamException()
    {
    }
}
