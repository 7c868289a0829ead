//! Rendering one askama template, with a failure that names the template instead of an
//! error body that could be sent (or cached) as a page.

/// A template that failed to render: the page cannot be sent, and must not be cached.
#[derive(Debug, thiserror::Error)]
#[error("template {template} failed to render: {reason}")]
pub struct RenderError {
    /// The template's view type.
    pub template: &'static str,
    /// What went wrong.
    pub reason: String,
}

pub fn render<T: askama::Template>(template: &T) -> Result<String, RenderError> {
    template.render().map_err(|error| RenderError {
        template: std::any::type_name::<T>(),
        reason: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Broken;

    impl std::fmt::Display for Broken {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[derive(askama::Template)]
    #[template(source = "<p>{{ value }}</p>", ext = "html")]
    struct Failing {
        value: Broken,
    }

    #[test]
    fn a_failing_template_is_an_error_naming_it_not_an_error_body() {
        let error = render(&Failing { value: Broken }).expect_err("the template fails");
        assert!(error.template.ends_with("Failing"), "{}", error.template);
    }
}
