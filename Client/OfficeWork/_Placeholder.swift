// placeholder: replaced by the office-work module
