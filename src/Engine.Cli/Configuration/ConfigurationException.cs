namespace Engine.Cli.Configuration;

/// <summary>The configuration cannot be used; the message names the key, the value and what is allowed.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigurationException()
    {
    }

    public IReadOnlyList<string> Errors { get; init; } = [];
}
