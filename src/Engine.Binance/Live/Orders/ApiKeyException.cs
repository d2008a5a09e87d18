namespace Engine.Binance.Live.Orders;

/// <summary>A key could not be loaded. The message says why and names files and variables, never a key's value.</summary>
public sealed class ApiKeyException : Exception
{
    public ApiKeyException()
    {
    }

    public ApiKeyException(string message)
        : base(message)
    {
    }

    public ApiKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
