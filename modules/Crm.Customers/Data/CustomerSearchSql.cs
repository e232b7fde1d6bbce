namespace Crm.Customers.Data;

/// <summary>The SQLite full-text index (FTS5, trigram tokenizer) over customers' normalised names, and the triggers
/// that keep it in sync. A substring of three or more characters is answered from it instead of a table scan.</summary>
internal static class CustomerSearchSql
{
    public const string Table = "cust_customer_fts";

    /// <summary>The trigger that indexes each new customer. A bulk insert drops it inside its transaction, indexes the
    /// inserted id range with one statement (<see cref="IndexRange"/>) and creates it again.</summary>
    public const string InsertTrigger = """
        CREATE TRIGGER cust_customers_fts_insert AFTER INSERT ON cust_customers BEGIN
          INSERT INTO cust_customer_fts(rowid, "NameKey") VALUES (new."Id", new."NameKey");
        END;
        """;

    public const string DropInsertTrigger = "DROP TRIGGER cust_customers_fts_insert;";

    /// <summary>Indexes the customers with ids in ($first, $last].</summary>
    public const string IndexRange = """
        INSERT INTO cust_customer_fts(rowid, "NameKey") SELECT "Id", "NameKey" FROM cust_customers WHERE "Id" > $first AND "Id" <= $last
        """;

    public const string Create = """
        CREATE VIRTUAL TABLE cust_customer_fts USING fts5("NameKey", content='cust_customers', content_rowid='Id', tokenize='trigram');
        """ + InsertTrigger + """
        CREATE TRIGGER cust_customers_fts_delete AFTER DELETE ON cust_customers BEGIN
          INSERT INTO cust_customer_fts(cust_customer_fts, rowid, "NameKey") VALUES ('delete', old."Id", old."NameKey");
        END;
        CREATE TRIGGER cust_customers_fts_update AFTER UPDATE OF "NameKey" ON cust_customers BEGIN
          INSERT INTO cust_customer_fts(cust_customer_fts, rowid, "NameKey") VALUES ('delete', old."Id", old."NameKey");
          INSERT INTO cust_customer_fts(rowid, "NameKey") VALUES (new."Id", new."NameKey");
        END;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS cust_customers_fts_update;
        DROP TRIGGER IF EXISTS cust_customers_fts_delete;
        DROP TRIGGER IF EXISTS cust_customers_fts_insert;
        DROP TABLE IF EXISTS cust_customer_fts;
        """;

    /// <summary>An FTS5 query for a literal substring: the text as one quoted phrase, quotes doubled.</summary>
    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
