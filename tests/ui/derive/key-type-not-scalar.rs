use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "flags")]
struct Flag {
    #[dynamodel(partition_key)]
    enabled: bool,
    #[dynamodel(sort_key)]
    names: Vec<String>,
}

fn main() {}
