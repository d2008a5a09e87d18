namespace Engine.Risk;

/// <summary>What the cooldown after a close (<c>Risk:CooldownMinutes</c>, the original COOLDOWN_MIN) applies to.</summary>
public enum CooldownScope : byte
{
    /// <summary>After any position closes, no entry on any symbol until the cooldown has passed. The default.</summary>
    Account = 0,

    /// <summary>After a position closes, no entry on that symbol until the cooldown has passed; other symbols trade on.</summary>
    Symbol = 1,
}
