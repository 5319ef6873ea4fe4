use dynamodel::Table;

#[derive(Table)]
#[dynamodel(table = "users")]
struct User<'a> {
    #[dynamodel(partition_key)]
    user_id: &'a str,
}

fn main() {}
