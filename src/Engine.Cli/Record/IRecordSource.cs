namespace Engine.Cli.Record;

/// <summary>Where <c>engine record</c> takes frames from: started once, stopped once; it hands every frame to the writer it was made with.</summary>
public interface IRecordSource : IAsyncDisposable
{
    /// <summary>Connects in the background and returns; failures are retried, not thrown.</summary>
    Task StartAsync(CancellationToken stop);

    /// <summary>Closes the connections; after it returns no frame reaches the writer.</summary>
    Task StopAsync();

    /// <summary>Connections lost and opened again so far.</summary>
    long Reconnects { get; }
}
