use dynamodel::Table;

// A key template builds a string key from fields and is declared on the struct; a key field
// is stored as its own value (here a number).
#[derive(Table)]
#[dynamodel(table = "orders")]
struct Order {
    #[dynamodel(partition_key(template = "ORDER#{id}"))]
    id: u64,
}

fn main() {}
